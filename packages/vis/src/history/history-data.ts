import { invalidArgument, LayerwiseError } from '@layerwise/core';

/**
 * A training history: what `fit` returns (a `History`), or its `history` record alone — each log
 * name (`loss`, `accuracy`, `val_loss`, ...) with one value per epoch.
 */
export type HistoryLike = { readonly history: Readonly<Record<string, readonly number[]>>; readonly epoch?: readonly number[] } | Readonly<Record<string, readonly number[]>>;

/** One plotted value: a metric at an epoch (counted from 1), on the training or the validation data. */
export interface HistoryRow {
  readonly epoch: number;
  readonly metric: string;
  readonly split: 'training' | 'validation';
  /** `null` where the logged value was not finite (the line has a gap there). */
  readonly value: number | null;
}

function recordOf(owner: string, history: HistoryLike): { values: Readonly<Record<string, readonly number[]>>; epochs: readonly number[] | undefined } {
  if (history === null || typeof history !== 'object') {
    throw invalidArgument({ owner, argument: 'history', expected: 'a History (what fit returns) or its history record', received: history });
  }
  const inner = (history as { history?: unknown }).history;
  if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) {
    return { values: inner as Record<string, readonly number[]>, epochs: (history as { epoch?: readonly number[] }).epoch };
  }
  return { values: history as Record<string, readonly number[]>, epochs: undefined };
}

/**
 * The metrics of a history, in log order, validation names folded into their training metric
 * (`val_loss` goes with `loss`); a validation value with no training value is a metric of its own.
 */
export function historyMetrics(owner: string, history: HistoryLike): string[] {
  const names = Object.keys(recordOf(owner, history).values);
  const metrics = names.map((n) => (n.startsWith('val_') && names.includes(n.slice(4)) ? n.slice(4) : n));
  return [...new Set(metrics)];
}

/**
 * The history as rows for plotting, one per metric, split and epoch; epochs count from 1 as in
 * Keras' and R's plots (from the History's `epoch` list when it has one).
 */
export function historyRows(owner: string, history: HistoryLike, metrics: readonly string[] = historyMetrics(owner, history)): HistoryRow[] {
  const { values, epochs } = recordOf(owner, history);
  const rows: HistoryRow[] = [];
  for (const metric of metrics) {
    const series: [string, HistoryRow['split']][] = [];
    if (Object.hasOwn(values, metric)) series.push([metric, metric.startsWith('val_') ? 'validation' : 'training']);
    if (Object.hasOwn(values, `val_${metric}`)) series.push([`val_${metric}`, 'validation']);
    if (series.length === 0) {
      throw new LayerwiseError(`${owner}: the history has no metric '${metric}'; it has ${Object.keys(values).join(', ') || 'nothing'}`);
    }
    for (const [name, split] of series) {
      const list = values[name];
      if (!Array.isArray(list)) throw invalidArgument({ owner, argument: `history.${name}`, expected: 'a list of numbers', received: list });
      list.forEach((value: unknown, i) => {
        const epoch = (epochs?.length === list.length ? epochs[i]! : i) + 1;
        rows.push({ epoch, metric, split, value: typeof value === 'number' && Number.isFinite(value) ? value : null });
      });
    }
  }
  return rows;
}
