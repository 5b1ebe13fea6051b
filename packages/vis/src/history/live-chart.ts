import { checkOptions, invalidArgument, type Logs } from '@layerwise/core';
import { Callback, History } from '@layerwise/callbacks';
import type { VegaView } from '../deps/libraries.js';
import { vegaLiteView } from '../figure/vega-lite.js';
import { historyMetrics, historyRows } from './history-data.js';
import { HISTORY_DATA, HISTORY_SPEC_KEYS, historySpec, type HistorySpecOptions } from './history-spec.js';

/** Options of {@link LiveHistoryChart}. */
export interface LiveHistoryChartOptions extends HistorySpecOptions {
  /** The DOM element the chart is drawn into (its content is replaced). */
  container: Element;
}

/**
 * A callback that draws the training history into a web page while `fit` runs, redrawn after
 * every epoch: the chart of {@link plotHistory} (one panel per metric, training and validation
 * overlaid), rendered as SVG by Vega into `container`. Browsers (any DOM).
 *
 * @example
 * ```ts
 * const chart = new LiveHistoryChart({ container: document.getElementById('history')! });
 * await model.fit(x, y, { epochs: 20, validationSplit: 0.2, callbacks: [chart] });
 * ```
 */
export class LiveHistoryChart extends Callback {
  /** The values drawn so far (as a `History` records them: every log name, one value per epoch). */
  readonly record = new History();
  private readonly options: HistorySpecOptions;
  private readonly container: Element;
  private view: VegaView | undefined;
  private drawnMetrics = '';

  constructor(options: LiveHistoryChartOptions) {
    super();
    checkOptions('LiveHistoryChart', options, [...HISTORY_SPEC_KEYS, 'container']);
    const { container, ...specOptions } = options;
    if (container === null || typeof container !== 'object' || typeof (container as Element).appendChild !== 'function') {
      throw invalidArgument({ owner: 'LiveHistoryChart', argument: 'container', expected: 'a DOM element', received: container });
    }
    this.container = container;
    this.options = specOptions;
  }

  override onTrainBegin(): void {
    this.record.onTrainBegin();
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    this.record.onEpochEnd(epoch, logs);
    await this.redraw();
  }

  /** Draws the values recorded so far (called after every epoch). */
  async redraw(): Promise<void> {
    const metrics = this.options.metrics ?? historyMetrics('LiveHistoryChart', this.record);
    const rows = historyRows('LiveHistoryChart', this.record, metrics);
    if (this.view && metrics.join('\n') === this.drawnMetrics) {
      await this.view.data(HISTORY_DATA, rows).runAsync();
      return;
    }
    this.view?.finalize();
    this.container.replaceChildren();
    this.view = await vegaLiteView(historySpec(rows, metrics, this.options), this.container);
    this.drawnMetrics = metrics.join('\n');
    await this.view.runAsync();
  }

  /** Stops the chart's view (its SVG stays in the page). */
  dispose(): void {
    this.view?.finalize();
    this.view = undefined;
  }
}
