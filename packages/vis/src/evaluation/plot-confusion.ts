import { checkOptions, invalidArgument } from '@layerwise/core';
import type { FigureFormat, FigureOf, FigureOptions } from '../figure/format.js';
import { renderVegaLite } from '../figure/vega-lite.js';
import { classNamesOf } from './class-names.js';
import { perClassAccuracy } from './confusion-matrix.js';

/** Options of {@link plotConfusionMatrix} and {@link plotPerClassAccuracy}. */
export interface ClassChartOptions<F extends FigureFormat = FigureFormat> extends FigureOptions<F> {
  /** A name per class (default the class indices). */
  classNames?: readonly string[];
  /** Size of one cell or bar in pixels (default 32). */
  cellSize?: number;
}

const KEYS = ['classNames', 'cellSize', 'format', 'pngScale', 'title'];

function checkMatrix(owner: string, matrix: unknown): number[][] {
  const ok = Array.isArray(matrix) && matrix.length > 0 && matrix.every((row) => Array.isArray(row) && row.length === matrix.length && row.every((v) => Number.isFinite(v)));
  if (!ok) throw invalidArgument({ owner, argument: 'matrix', expected: 'a square confusion matrix (rows: true classes, columns: predicted classes)', received: matrix });
  return matrix as number[][];
}

/**
 * Draws a confusion matrix as a heatmap with the count in each cell: true classes down, predicted
 * classes across, each row coloured by its share of the row (so rare classes show as clearly as
 * common ones).
 */
export async function plotConfusionMatrix<F extends FigureFormat = 'svg'>(matrix: readonly (readonly number[])[], options: ClassChartOptions<F> = {}): Promise<FigureOf<F>> {
  const owner = 'plotConfusionMatrix';
  checkOptions(owner, options, KEYS);
  const names = classNamesOf(owner, checkMatrix(owner, matrix).length, options.classNames);
  const size = options.cellSize ?? 32;
  const values = matrix.flatMap((row, t) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((count, p) => ({ true: names[t], predicted: names[p], count, share: total === 0 ? 0 : count / total }));
  });
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: 'white',
    data: { values },
    width: size * names.length,
    height: size * names.length,
    encoding: {
      x: { field: 'predicted', type: 'nominal', sort: names, title: 'predicted class', axis: { labelAngle: -45 } },
      y: { field: 'true', type: 'nominal', sort: names, title: 'true class' },
    },
    layer: [
      { mark: 'rect', encoding: { color: { field: 'share', type: 'quantitative', scale: { scheme: 'blues', domain: [0, 1] }, title: 'share of row' } } },
      { mark: { type: 'text', fontSize: 11 }, encoding: { text: { field: 'count', type: 'quantitative' }, color: { condition: { test: 'datum.share > 0.5', value: 'white' }, value: 'black' } } },
    ],
  };
  return (await renderVegaLite(owner, spec, options, 'Confusion matrix')) as FigureOf<F>;
}

/** Draws each class's accuracy (recall) from a confusion matrix as a bar chart. */
export async function plotPerClassAccuracy<F extends FigureFormat = 'svg'>(matrix: readonly (readonly number[])[], options: ClassChartOptions<F> = {}): Promise<FigureOf<F>> {
  const owner = 'plotPerClassAccuracy';
  checkOptions(owner, options, KEYS);
  const names = classNamesOf(owner, checkMatrix(owner, matrix).length, options.classNames);
  const values = perClassAccuracy(matrix).map((accuracy, i) => ({ class: names[i], accuracy: Number.isNaN(accuracy) ? null : accuracy }));
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: 'white',
    data: { values },
    width: (options.cellSize ?? 32) * names.length,
    height: 200,
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'class', type: 'nominal', sort: names, title: 'class', axis: { labelAngle: -45 } },
      y: { field: 'accuracy', type: 'quantitative', scale: { domain: [0, 1] }, title: 'accuracy' },
    },
  };
  return (await renderVegaLite(owner, spec, options, 'Per-class accuracy')) as FigureOf<F>;
}
