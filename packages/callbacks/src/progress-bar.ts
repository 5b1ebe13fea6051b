import { checkInteger, describeBackend, invalidArgument } from '@layerwise/core';
import type { BackendReport, Logs, TrainingParams } from '@layerwise/core';
import { Callback } from './callback.js';
import { defaultOutputStream } from './output.js';
import type { OutputStream } from './output.js';
import { checkOneOf, checkOptions } from './options.js';
import { Progbar } from './progbar.js';

/** Options of {@link ProgressBar}. */
export interface ProgressBarOptions {
  /**
   * Where to print. Default: `process.stdout` where it exists, otherwise `console.log` line by
   * line. A stream whose `isTTY` is true gets a bar redrawn in place; any other gets whole lines.
   */
  stream?: OutputStream;
  /**
   * `'batch'`: a bar updated after every batch (verbose 1); `'epoch'`: one line per epoch (verbose 2).
   * Default: from the run's `verbose`.
   */
  updateFreq?: 'batch' | 'epoch';
}

const OWNER = 'ProgressBar';

/**
 * Prints training progress, as Keras' `ProgbarLogger`. The verbosity comes from the run's
 * params (`fit({ verbose })`):
 *
 * - 1 on a terminal: `Epoch 1/5`, then a bar redrawn in place after every batch
 *   (`123/469 [=====>......] - ETA: 12s - loss: 0.3412 - accuracy: 0.9012`), finished at the
 *   epoch's end with the elapsed time, the time per step and the epoch's logs (`val_*` included);
 * - 1 on anything else (a file, a pipe, a browser console): `Epoch 1/5` and the finished line only;
 * - 2: `Epoch 1/5` and one short line per epoch (`469/469 - 3s - 6ms/step - loss: 0.3412`);
 * - 0: nothing.
 *
 * When the run's params name the backend (`fit` does), training starts with a line saying which
 * one computes and why: `Training on layerwise-wasm (auto; skipped tensorflow: @layerwise/backend-node
 * is not installed; webgpu: ...)`. The `Epoch` line is left out when there is a single epoch. Alone (outside `fit`), the test
 * and predict hooks draw a bar for `evaluate` and `predict`; inside `fit` the validation pass is
 * silent. When `params.steps` is unknown the count reads `12/Unknown` until the first epoch ends.
 *
 * @example
 * ```ts
 * // Usually added by fit itself; pass one to choose the stream:
 * await model.fit(x, y, { epochs: 5, verbose: 1, callbacks: [new ProgressBar({ stream: process.stderr })] });
 * ```
 */
export class ProgressBar extends Callback {
  private readonly stream: OutputStream;
  private readonly updateFreq: 'batch' | 'epoch' | undefined;
  private verbose: 0 | 1 | 2 = 1;
  private epochs = 1;
  private target: number | undefined;
  private seen = 0;
  private bar: Progbar | undefined;
  private calledInFit = false;
  private backend: BackendReport | undefined;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: ProgressBarOptions = {}) {
    super();
    checkOptions(OWNER, options, ['stream', 'updateFreq']);
    this.updateFreq = options.updateFreq === undefined ? undefined : checkOneOf(OWNER, 'updateFreq', options.updateFreq, ['batch', 'epoch'] as const);
    const { stream } = options;
    if (stream !== undefined && (stream === null || typeof stream !== 'object' || typeof stream.write !== 'function')) {
      throw invalidArgument({ owner: OWNER, argument: 'stream', expected: 'an object with a write(text) method', received: stream });
    }
    this.stream = stream ?? defaultOutputStream();
  }

  /** Takes the verbosity, the epoch count and the steps per epoch from the run's params. */
  override setParams(params: TrainingParams): void {
    super.setParams(params);
    this.verbose = checkOneOf(OWNER, 'params.verbose', params.verbose, [0, 1, 2] as const);
    if (this.updateFreq !== undefined && this.verbose > 0) this.verbose = this.updateFreq === 'batch' ? 1 : 2;
    this.epochs = checkInteger(OWNER, 'params.epochs', params.epochs, 0);
    this.target = params.steps === undefined ? undefined : checkInteger(OWNER, 'params.steps', params.steps, 0);
    this.backend = params.backend;
  }

  /** Prints the backend line (verbose 1 or 2, when the params name the backend). */
  override onTrainBegin(): void {
    this.calledInFit = true;
    if (this.verbose > 0 && this.backend) this.stream.write(`Training on ${describeBackend(this.backend)}\n`);
  }

  override onTrainEnd(): void {
    this.calledInFit = false;
  }

  override onEpochBegin(epoch: number): void {
    this.startBar();
    if (this.verbose > 0 && this.epochs > 1) this.stream.write(`Epoch ${epoch + 1}/${this.epochs}\n`);
  }

  /** The bar shows values only when it redraws (at most every 50 ms, on a terminal, with verbose 1). */
  override wantsBatchLogs(): boolean {
    return this.verbose === 1 && (this.bar?.wouldRedraw() ?? this.stream.isTTY === true);
  }

  override onTrainBatchEnd(batch: number, logs?: Logs): void {
    this.updateBar(batch, logs);
  }

  override onEpochEnd(epoch: number, logs?: Logs): void {
    this.finishBar(logs);
  }

  override onTestBegin(): void {
    if (!this.calledInFit) this.startBar();
  }

  override onTestBatchEnd(batch: number, logs?: Logs): void {
    if (!this.calledInFit) this.updateBar(batch, logs);
  }

  override onTestEnd(logs?: Logs): void {
    if (!this.calledInFit) this.finishBar(logs);
  }

  override onPredictBegin(): void {
    this.startBar();
  }

  /** Advances the bar; the batch's logs are not shown (as Keras, predictions are not displayed). */
  override onPredictBatchEnd(batch: number, logs?: Logs): void {
    this.updateBar(batch, undefined);
  }

  override onPredictEnd(logs?: Logs): void {
    this.finishBar(logs);
  }

  private startBar(): Progbar {
    this.seen = 0;
    this.bar = new Progbar({
      target: this.target,
      verbose: this.verbose,
      write: (text) => this.stream.write(text),
      dynamic: this.stream.isTTY === true,
    });
    return this.bar;
  }

  private updateBar(batch: number, logs: Logs | undefined): void {
    const bar = this.bar ?? this.startBar();
    this.seen = batch + 1;
    if (this.verbose === 1) bar.update(this.seen, logs, false);
  }

  private finishBar(logs: Logs | undefined): void {
    const bar = this.bar ?? this.startBar();
    if (this.target === undefined) {
      // The first pass taught us the step count: later epochs show a full bar.
      this.target = this.seen;
      bar.target = this.seen;
    }
    bar.update(this.target, logs, true);
  }
}
