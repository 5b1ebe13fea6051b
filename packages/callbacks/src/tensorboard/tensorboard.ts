import { checkInteger, invalidArgument, type Logs } from '@layerwise/core';
import { Callback } from '../callback.js';
import { checkBoolean, checkOptions } from '../options.js';
import { SummaryWriter } from './summary-writer.js';

/** Options of {@link TensorBoard}; defaults as Keras'. */
export interface TensorBoardOptions {
  /** The directory TensorBoard reads (`tensorboard --logdir <logDir>`). Default `'logs'`. */
  logDir?: string;
  /** Every how many epochs to write a histogram of every weight; 0 writes none. Default 0. */
  histogramFreq?: number;
  /**
   * `'epoch'` writes the epoch logs only; `'batch'` also writes every training batch's logs as
   * `batch_<name>` against the global batch count; a number N, every N batches. Default `'epoch'`.
   */
  updateFreq?: 'epoch' | 'batch' | number;
  /** Whether to write the optimizer's learning rate as `epoch_learning_rate`. Default true. */
  writeLearningRate?: boolean;
}

const OWNER = 'TensorBoard';

/**
 * Logs a training run for TensorBoard, as Keras' `keras.callbacks.TensorBoard`: training values go
 * to `<logDir>/train` and validation values (the `val_` logs, prefix removed) to
 * `<logDir>/validation`, as `epoch_loss`, `epoch_accuracy`... at the epoch number, so TensorBoard
 * draws training and validation curves of the same name together; the learning rate as
 * `epoch_learning_rate`; with `histogramFreq`, a histogram of each weight under its name
 * (`dense/kernel/histogram`); with `updateFreq`, batch values as `batch_loss`... Node only (files).
 * For images, such as activation grids, open a {@link SummaryWriter} on the same directory.
 *
 * @example
 * ```ts
 * await model.fit(x, y, { epochs: 10, validationSplit: 0.1, callbacks: [new TensorBoard({ logDir: 'logs/run-1', histogramFreq: 1 })] });
 * // tensorboard --logdir logs
 * ```
 */
export class TensorBoard extends Callback {
  /** The directory TensorBoard reads. */
  readonly logDir: string;
  /** Every how many epochs weight histograms are written (0: never). */
  readonly histogramFreq: number;
  /** Batch logging: never (`'epoch'`), or every this many batches. */
  readonly batchEvery: number | undefined;
  /** Whether the learning rate is written. */
  readonly writeLearningRate: boolean;
  private train: SummaryWriter | undefined;
  private validation: SummaryWriter | undefined;
  private globalBatch = 0;
  private trainPath: string | undefined;
  private validationPath: string | undefined;

  constructor(options: TensorBoardOptions = {}) {
    super();
    checkOptions(OWNER, options, ['logDir', 'histogramFreq', 'updateFreq', 'writeLearningRate']);
    const opts = options;
    this.logDir = opts.logDir ?? 'logs';
    if (typeof this.logDir !== 'string' || this.logDir === '') {
      throw invalidArgument({ owner: OWNER, argument: 'logDir', expected: 'a directory path', received: opts.logDir });
    }
    this.histogramFreq = checkInteger(OWNER, 'histogramFreq', opts.histogramFreq ?? 0, 0);
    const update = opts.updateFreq ?? 'epoch';
    if (update === 'epoch') this.batchEvery = undefined;
    else if (update === 'batch') this.batchEvery = 1;
    else if (typeof update === 'number') this.batchEvery = checkInteger(OWNER, 'updateFreq', update);
    else throw invalidArgument({ owner: OWNER, argument: 'updateFreq', expected: "'epoch', 'batch' or a positive integer", received: update });
    this.writeLearningRate = checkBoolean(OWNER, 'writeLearningRate', opts.writeLearningRate ?? true);
  }

  /** The event file of the training values of the latest run, once it has started. */
  get trainEventFile(): string | undefined {
    return this.trainPath;
  }

  /** The event file of the validation values of the latest run, once one has been written. */
  get validationEventFile(): string | undefined {
    return this.validationPath;
  }

  override async onTrainBegin(): Promise<void> {
    await this.closeWriters();
    const path = await import('node:path');
    this.train = await SummaryWriter.create(path.join(this.logDir, 'train'));
    this.trainPath = this.train.path;
    this.validationPath = undefined;
    this.globalBatch = 0;
  }

  /** Only the batches it writes (with `updateFreq`) need their logs. */
  override wantsBatchLogs(): boolean {
    return this.batchEvery !== undefined && (this.globalBatch + 1) % this.batchEvery === 0;
  }

  override async onTrainBatchEnd(batch: number, logs: Logs = {}): Promise<void> {
    this.globalBatch++;
    if (this.batchEvery === undefined || this.globalBatch % this.batchEvery !== 0 || !this.train) return;
    const values = numericEntries(logs).map(([key, value]) => ({ tag: `batch_${key}`, scalar: value }));
    if (values.length > 0) await this.train.write(this.globalBatch, values);
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    if (!this.train) return;
    const entries = numericEntries(logs);
    const trainValues = entries.filter(([k]) => !k.startsWith('val_')).map(([k, v]) => ({ tag: `epoch_${k}`, scalar: v }));
    const rate = this.model.optimizer?.learningRate;
    if (this.writeLearningRate && typeof rate === 'number') trainValues.push({ tag: 'epoch_learning_rate', scalar: rate });
    if (trainValues.length > 0) await this.train.write(epoch, trainValues);
    const validationValues = entries.filter(([k]) => k.startsWith('val_')).map(([k, v]) => ({ tag: `epoch_${k.slice(4)}`, scalar: v }));
    if (validationValues.length > 0) {
      if (!this.validation) {
        const path = await import('node:path');
        this.validation = await SummaryWriter.create(path.join(this.logDir, 'validation'));
        this.validationPath = this.validation.path;
      }
      await this.validation.write(epoch, validationValues);
    }
    if (this.histogramFreq > 0 && epoch % this.histogramFreq === 0) await this.writeHistograms(epoch);
  }

  override async onTrainEnd(): Promise<void> {
    await this.closeWriters();
  }

  private async writeHistograms(epoch: number): Promise<void> {
    const named = this.model.weights;
    if (named) {
      for (const weight of named) await this.train!.histogram(`${weight.name}/histogram`, weight.variable, epoch);
      return;
    }
    const copies = this.model.getWeights();
    try {
      for (const [i, weight] of copies.entries()) await this.train!.histogram(`weight_${i}/histogram`, weight, epoch);
    } finally {
      for (const copy of copies) copy.dispose();
    }
  }

  private async closeWriters(): Promise<void> {
    await Promise.all([this.train?.close(), this.validation?.close()]);
    this.train = undefined;
    this.validation = undefined;
  }
}

function numericEntries(logs: Logs): [string, number][] {
  return Object.entries(logs).filter((entry): entry is [string, number] => typeof entry[1] === 'number');
}
