import { checkInteger, checkOptions } from '@layerwise/core';
import type { VegaLiteSpec } from '../figure/vega-lite.js';
import { historyMetrics, historyRows, type HistoryLike, type HistoryRow } from './history-data.js';

/** Options of {@link historySpec} (and of the history charts). */
export interface HistorySpecOptions {
  /** The metrics to plot, one panel each (default every metric in the history, loss first as logged). */
  metrics?: readonly string[];
  /** Width of one panel in pixels (default 480). */
  width?: number;
  /** Height of one panel in pixels (default 160). */
  height?: number;
}

export const HISTORY_SPEC_KEYS = ['metrics', 'width', 'height'] as const;

/** The name of the data set the history's rows are bound to in the specification (`view.data(...)`). */
export const HISTORY_DATA = 'history';

/**
 * The Vega-Lite specification of a training-history chart, as R's `plot(history)`: one panel per
 * metric stacked vertically with the epochs on a shared axis, each panel with its own value scale,
 * training and validation values overlaid as lines with points. The rows are bound to the named
 * data set {@link HISTORY_DATA} (given here, or replaced later by a live view).
 */
export function historySpec(rows: readonly HistoryRow[], metrics: readonly string[], options: HistorySpecOptions = {}): VegaLiteSpec {
  const width = checkInteger('historySpec', 'width', options.width ?? 480);
  const height = checkInteger('historySpec', 'height', options.height ?? 160);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: 'white',
    data: { name: HISTORY_DATA, values: rows },
    facet: { row: { field: 'metric', type: 'nominal', sort: [...metrics], title: null, header: { labelAngle: 0, labelAlign: 'left', labelFontWeight: 'bold' } } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width,
      height,
      mark: { type: 'line', point: true, tooltip: true },
      encoding: {
        x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1 } },
        y: { field: 'value', type: 'quantitative', title: null, scale: { zero: false } },
        color: { field: 'split', type: 'nominal', title: 'data', scale: { domain: ['training', 'validation'], range: ['#1f77b4', '#ff7f0e'] } },
      },
    },
  };
}

/** {@link historySpec} for a history, checking the options (the chart functions' first step). */
export function historySpecOf(owner: string, history: HistoryLike, options: HistorySpecOptions, extraKeys: readonly string[] = []): VegaLiteSpec {
  checkOptions(owner, options, [...HISTORY_SPEC_KEYS, ...extraKeys]);
  const metrics = options.metrics ?? historyMetrics(owner, history);
  return historySpec(historyRows(owner, history, metrics), metrics, options);
}
