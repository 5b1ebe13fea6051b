import { checkInteger, checkNumber, invalidArgument } from '@layerwise/core';
import type { Logs } from '@layerwise/core';
import { Callback } from './callback.js';
import { ioCheckpointSaver, type CheckpointSaver } from './checkpoint-saver.js';
import { Monitor, type MonitorMode } from './monitor.js';
import { checkBoolean, checkOneOf, checkOptions } from './options.js';
import { defaultOutputStream, type OutputStream } from './output.js';
import { formatPathTemplate } from './path-template.js';

/** Options of {@link ModelCheckpoint}; defaults as Keras'. */
export interface ModelCheckpointOptions {
  /**
   * Where to save: a path, or a template filled like Python's `str.format` with `epoch` (from 1),
   * `batch` (from 1, when saving every N batches) and the logs: `'ckpt/weights.{epoch:02d}-{val_loss:.2f}.keras'`.
   */
  filepath: string;
  /** The log value `saveBestOnly` compares. Default `'val_loss'`. */
  monitor?: string;
  /** 1 prints a line at every save decision. Default 0. */
  verbose?: 0 | 1;
  /** Save only when the monitored value improves on the best so far. Default false. */
  saveBestOnly?: boolean;
  /** Save the weights only, not the architecture and optimizer state. Default false. */
  saveWeightsOnly?: boolean;
  /** Which way the monitored value improves; `'auto'` infers it from the name. Default `'auto'`. */
  mode?: MonitorMode;
  /** `'epoch'` saves at every epoch end; a number N, every N training batches. Default `'epoch'`. */
  saveFreq?: 'epoch' | number;
  /** With `saveBestOnly`, the value the first checkpoint must beat. Default none. */
  initialValueThreshold?: number;
  /** How to write a checkpoint. Default: `@layerwise/io` (optional peer). */
  saver?: CheckpointSaver;
  /** Where `verbose` lines go. Default `process.stdout`, or the console in browsers. */
  stream?: OutputStream;
}

const OWNER = 'ModelCheckpoint';
const KNOWN = ['filepath', 'monitor', 'verbose', 'saveBestOnly', 'saveWeightsOnly', 'mode', 'saveFreq', 'initialValueThreshold', 'saver', 'stream'];

/** Keras prints `best` with 5 decimals; before the first save it is infinite. */
const show = (value: number | undefined, direction: 'min' | 'max') =>
  value === undefined ? (direction === 'min' ? 'inf' : '-inf') : Number.isFinite(value) ? value.toFixed(5) : String(value);

/**
 * Saves the model (or its weights) during training, with Keras 3's `ModelCheckpoint` semantics: at
 * every epoch end, or every `saveFreq` batches; with `saveBestOnly`, only when the monitored value
 * is better than the best so far (strictly; NaN never is; a missing value skips the save with a
 * warning). The path template gets `epoch` counted from 1 and the logs, so a template keeps one file
 * per checkpoint and a plain path keeps only the latest (or best). Files are written through
 * `@layerwise/io`, whose format follows the extension (`.keras`, `.h5`, `.weights.h5`, a
 * TensorFlow.js `model.json`...).
 *
 * @example
 * ```ts
 * const checkpoint = new ModelCheckpoint({ filepath: 'best.keras', monitor: 'val_loss', saveBestOnly: true });
 * await model.fit(x, y, { epochs: 20, validationSplit: 0.2, callbacks: [checkpoint] });
 * console.log(`best val_loss ${checkpoint.best}, saved to ${checkpoint.savedPaths.at(-1)}`);
 * ```
 */
export class ModelCheckpoint extends Callback {
  readonly filepath: string;
  readonly monitor: string;
  readonly verbose: 0 | 1;
  readonly saveBestOnly: boolean;
  readonly saveWeightsOnly: boolean;
  readonly saveFreq: 'epoch' | number;
  private readonly watch: Monitor;
  private readonly initialBest: number | undefined;
  private readonly saver: CheckpointSaver;
  private readonly stream: OutputStream | undefined;
  private bestValue: number | undefined;
  private currentEpoch = 0;
  private batchesSinceSave = 0;
  private readonly saved: string[] = [];

  constructor(options: ModelCheckpointOptions) {
    super();
    checkOptions(OWNER, options, KNOWN);
    const { filepath, monitor = 'val_loss', verbose = 0, saveBestOnly = false, saveWeightsOnly = false, mode = 'auto', saveFreq = 'epoch' } = options;
    if (typeof filepath !== 'string' || filepath === '') {
      throw invalidArgument({ owner: OWNER, argument: 'filepath', expected: 'a file path or path template', received: filepath });
    }
    this.filepath = filepath;
    this.watch = new Monitor(OWNER, { monitor, mode, minDelta: 0 });
    this.monitor = this.watch.monitor;
    this.verbose = checkOneOf(OWNER, 'verbose', verbose, [0, 1] as const);
    this.saveBestOnly = checkBoolean(OWNER, 'saveBestOnly', saveBestOnly);
    this.saveWeightsOnly = checkBoolean(OWNER, 'saveWeightsOnly', saveWeightsOnly);
    if (saveFreq !== 'epoch' && typeof saveFreq !== 'number') {
      throw invalidArgument({ owner: OWNER, argument: 'saveFreq', expected: "'epoch' or a positive integer", received: saveFreq });
    }
    this.saveFreq = saveFreq === 'epoch' ? 'epoch' : checkInteger(OWNER, 'saveFreq', saveFreq);
    this.initialBest = options.initialValueThreshold === undefined ? undefined : checkNumber(OWNER, 'initialValueThreshold', options.initialValueThreshold);
    if (options.saver !== undefined && typeof options.saver !== 'function') {
      throw invalidArgument({ owner: OWNER, argument: 'saver', expected: 'a function ({ model, path, weightsOnly }) => Promise<void>', received: options.saver });
    }
    this.saver = options.saver ?? ioCheckpointSaver;
    this.stream = options.stream;
    this.bestValue = this.initialBest;
  }

  /** The best monitored value saved so far (with `saveBestOnly`), or the initial threshold. */
  get best(): number | undefined {
    return this.bestValue;
  }

  /** Every path written, in order. */
  get savedPaths(): readonly string[] {
    return this.saved;
  }

  override onTrainBegin(): void {
    this.batchesSinceSave = 0;
  }

  override onEpochBegin(epoch: number): void {
    this.currentEpoch = epoch;
  }

  /** Only the batches it saves at (with `saveFreq` in batches) need their logs. */
  override wantsBatchLogs(): boolean {
    return this.saveFreq !== 'epoch' && this.batchesSinceSave + 1 >= this.saveFreq;
  }

  override async onTrainBatchEnd(batch: number, logs: Logs = {}): Promise<void> {
    if (this.saveFreq === 'epoch') return;
    this.batchesSinceSave++;
    if (this.batchesSinceSave < this.saveFreq) return;
    this.batchesSinceSave = 0;
    await this.save(this.currentEpoch, batch, logs);
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    if (this.saveFreq === 'epoch') await this.save(epoch, undefined, logs);
  }

  private async save(epoch: number, batch: number | undefined, logs: Logs): Promise<void> {
    const values: Record<string, unknown> = { ...logs, epoch: epoch + 1 };
    if (batch !== undefined && !('batch' in logs)) values['batch'] = batch + 1;
    const path = formatPathTemplate(this.filepath, values, OWNER);
    if (this.saveBestOnly) {
      const current = this.watch.read(logs);
      if (current === undefined) {
        console.warn(`${OWNER}: can save best model only with ${this.monitor} available, skipping.`);
        return;
      }
      const direction = this.watch.direction;
      if (Number.isNaN(current) || !this.watch.isImprovement(current, this.bestValue)) {
        this.print(`\nEpoch ${epoch + 1}: ${this.monitor} did not improve from ${show(this.bestValue, direction)}\n`);
        return;
      }
      this.print(`\nEpoch ${epoch + 1}: ${this.monitor} improved from ${show(this.bestValue, direction)} to ${show(current, direction)}, saving model to ${path}\n`);
      this.bestValue = current;
    } else {
      this.print(`\nEpoch ${epoch + 1}: saving model to ${path}\n`);
    }
    await this.saver({ model: this.model, path, weightsOnly: this.saveWeightsOnly });
    this.saved.push(path);
  }

  private print(text: string): void {
    if (this.verbose > 0) (this.stream ?? defaultOutputStream()).write(text);
  }
}
