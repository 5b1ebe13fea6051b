import { checkInteger, checkOptions, LayerwiseError, type Logs } from '@layerwise/core';
import { Callback, History, type OutputStream, type TrainingParams } from '@layerwise/callbacks';
import { historyMetrics } from './history-data.js';
import { sparkline } from './sparkline.js';

/** Options of {@link TerminalHistory}. */
export interface TerminalHistoryOptions {
  /** Where the view is printed (default `process.stdout`). On a terminal (`isTTY`) it redraws in place. */
  output?: OutputStream;
  /** The most epochs a sparkline shows, the latest ones (default 40). */
  width?: number;
}

const format = (v: number | undefined) => (v === undefined ? '' : Number.isFinite(v) ? v.toPrecision(4) : String(v));

/**
 * A compact live view of training in the terminal: after every epoch, one line per metric with a
 * sparkline of its values so far and the latest value, training and validation side by side
 * (`loss  ▇▅▃▂▁ 0.2310 │ val ▇▆▄▃▂ 0.2810`). On a terminal the block is redrawn in place; in a log
 * file each epoch appends a block.
 *
 * @example
 * ```ts
 * await model.fit(x, y, { epochs: 30, verbose: 0, validationSplit: 0.1, callbacks: [new TerminalHistory()] });
 * ```
 */
export class TerminalHistory extends Callback {
  /** The values shown so far. */
  readonly record = new History();
  private readonly output: OutputStream;
  private readonly width: number;
  private printedLines = 0;
  private epochs: number | undefined;

  constructor(options: TerminalHistoryOptions = {}) {
    super();
    checkOptions('TerminalHistory', options, ['output', 'width']);
    this.width = checkInteger('TerminalHistory', 'width', options.width ?? 40);
    const stdout = (globalThis as { process?: { stdout?: OutputStream } }).process?.stdout;
    const output = options.output ?? stdout;
    if (!output || typeof output.write !== 'function') {
      throw new LayerwiseError('TerminalHistory: no `output` was given and this host has no process.stdout; pass { output: { write(text) { ... } } }');
    }
    this.output = output;
  }

  override setParams(params: TrainingParams): void {
    super.setParams(params);
    this.epochs = params.epochs;
  }

  override onTrainBegin(): void {
    this.record.onTrainBegin();
    this.printedLines = 0;
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    this.record.onEpochEnd(epoch, logs);
    const lines = [`epoch ${epoch + 1}${this.epochs === undefined ? '' : `/${this.epochs}`}`, ...this.lines()];
    const redraw = this.output.isTTY && this.printedLines > 0 ? `\x1b[${this.printedLines}A` : '';
    this.output.write(redraw + lines.map((l) => (this.output.isTTY ? `\x1b[2K${l}` : l)).join('\n') + '\n');
    this.printedLines = lines.length;
  }

  /** The view's lines for the values recorded so far, one per metric. */
  lines(): string[] {
    const history = this.record.history;
    const metrics = historyMetrics('TerminalHistory', history);
    const pad = Math.max(...metrics.map((m) => m.length));
    return metrics.map((metric) => {
      const part = (name: string) => {
        const values = (history[name] ?? []).slice(-this.width);
        return `${sparkline(values).padEnd(Math.min(this.width, values.length))} ${format(values.at(-1))}`;
      };
      const val = Object.hasOwn(history, `val_${metric}`) ? ` │ val ${part(`val_${metric}`)}` : '';
      return `${metric.padEnd(pad)}  ${part(metric)}${val}`;
    });
  }
}
