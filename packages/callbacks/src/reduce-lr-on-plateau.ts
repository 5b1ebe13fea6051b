import { checkInteger, checkNumber, invalidArgument, LayerwiseError, type Logs, type Optimizer } from '@layerwise/core';
import { Callback } from './callback.js';
import { Monitor, type MonitorMode } from './monitor.js';
import { checkOptions } from './options.js';

/** Options of {@link ReduceLROnPlateau}, with Keras' defaults. */
export interface ReduceLROnPlateauOptions {
  /** Default `'val_loss'`. */
  monitor?: string;
  /** The rate is multiplied by this, in (0, 1). Default 0.1. */
  factor?: number;
  /** Epochs without improvement before reducing. Default 10. */
  patience?: number;
  /** 1 prints a line at each reduction. Default 0. */
  verbose?: 0 | 1;
  /** Default `'auto'`. */
  mode?: MonitorMode;
  /** Smallest change that counts as improvement. Default 1e-4. */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again. Default 0. */
  cooldown?: number;
  /** The rate never goes below this. Default 0. */
  minLr?: number;
}

const OWNER = 'ReduceLROnPlateau';

/** The optimizer a learning-rate callback steers, or a clear error. */
export function optimizerOf(owner: string, optimizer: Optimizer | undefined): Optimizer {
  if (!optimizer) throw new LayerwiseError(`${owner}: the model has no optimizer; compile it before fit`);
  return optimizer;
}

/**
 * Reduces the learning rate by `factor` when the monitored value has not improved for `patience`
 * epochs, then waits `cooldown` epochs, never going below `minLr` — as Keras' callback, which also
 * records the rate in the epoch's logs as `learning_rate`.
 *
 * @example
 * ```ts
 * await model.fit(x, y, { epochs: 50, validationSplit: 0.2, callbacks: [new ReduceLROnPlateau({ factor: 0.5, patience: 3 })] });
 * ```
 */
export class ReduceLROnPlateau extends Callback {
  readonly factor: number;
  readonly patience: number;
  readonly cooldown: number;
  readonly minLr: number;
  readonly verbose: 0 | 1;
  private readonly monitor: Monitor;
  private best = 0;
  /** Epochs without improvement since the last improvement or reduction. */
  wait = 0;
  private cooldownCounter = 0;

  constructor(options: ReduceLROnPlateauOptions = {}) {
    super();
    checkOptions(OWNER, options, ['monitor', 'factor', 'patience', 'verbose', 'mode', 'minDelta', 'cooldown', 'minLr']);
    this.monitor = new Monitor(OWNER, { monitor: options.monitor ?? 'val_loss', mode: options.mode ?? 'auto', minDelta: options.minDelta ?? 1e-4 });
    this.factor = checkNumber(OWNER, 'factor', options.factor ?? 0.1, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
    this.patience = checkInteger(OWNER, 'patience', options.patience ?? 10, 0);
    this.cooldown = checkInteger(OWNER, 'cooldown', options.cooldown ?? 0, 0);
    this.minLr = checkNumber(OWNER, 'minLr', options.minLr ?? 0, { min: 0 });
    const verbose = options.verbose ?? 0;
    if (verbose !== 0 && verbose !== 1) throw invalidArgument({ owner: OWNER, argument: 'verbose', expected: '0 or 1', received: verbose });
    this.verbose = verbose;
    this.reset();
  }

  private reset(): void {
    this.best = this.monitor.direction === 'min' ? Infinity : -Infinity;
    this.wait = 0;
    this.cooldownCounter = 0;
  }

  override onTrainBegin(): void {
    this.reset();
  }

  override onEpochEnd(epoch: number, logs?: Logs): void {
    const optimizer = optimizerOf(OWNER, this.model.optimizer);
    if (logs) logs['learning_rate'] = optimizer.learningRate;
    const current = this.monitor.read(logs);
    if (current === undefined) {
      console.warn(this.monitor.missingMessage('Learning rate reduction is', logs));
      return;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.wait = 0;
    }
    if (this.monitor.isImprovement(current, this.best)) {
      this.best = current;
      this.wait = 0;
      return;
    }
    // As Keras, the cooldown is checked again after the countdown above.
    if (this.cooldownCounter > 0) return;
    this.wait += 1;
    if (this.wait < this.patience) return;
    const old = optimizer.learningRate;
    if (old > Math.fround(this.minLr)) {
      const next = Math.max(old * this.factor, this.minLr);
      optimizer.learningRate = next;
      if (this.verbose) console.log(`\nEpoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${next}.`);
      this.cooldownCounter = this.cooldown;
      this.wait = 0;
    }
  }
}
