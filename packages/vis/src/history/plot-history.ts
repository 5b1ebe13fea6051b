import type { FigureFormat, FigureOf, FigureOptions } from '../figure/format.js';
import { renderVegaLite } from '../figure/vega-lite.js';
import type { HistoryLike } from './history-data.js';
import { historySpecOf, type HistorySpecOptions } from './history-spec.js';

/** Options of {@link plotHistory}. */
export type PlotHistoryOptions<F extends FigureFormat = FigureFormat> = HistorySpecOptions & FigureOptions<F>;

/**
 * Plots a training history as R's `plot(history)` does: one panel per metric (loss, accuracy, ...),
 * the epochs across, training and validation values overlaid. Returns SVG text (default), PNG bytes
 * (`format: 'png'`, Node with `sharp`) or a self-contained HTML page (`format: 'html'`); the chart
 * is a Vega-Lite specification rendered by Vega, so no browser is needed.
 *
 * @example
 * ```ts
 * const history = await model.fit(x, y, { epochs: 10, validationSplit: 0.2 });
 * await writeFile('history.svg', await plotHistory(history));
 * await writeFile('history.png', await plotHistory(history, { format: 'png' }));
 * ```
 */
export async function plotHistory<F extends FigureFormat = 'svg'>(history: HistoryLike, options: PlotHistoryOptions<F> = {}): Promise<FigureOf<F>> {
  const spec = historySpecOf('plotHistory', history, options, ['format', 'pngScale', 'title']);
  return (await renderVegaLite('plotHistory', spec, options, 'Training history')) as FigureOf<F>;
}
