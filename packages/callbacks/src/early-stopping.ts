import type { Tensor } from '@tensorflow/tfjs-core';
import { checkInteger, disposeAll, invalidArgument } from '@layerwise/core';
import type { Logs } from '@layerwise/core';
import { Callback } from './callback.js';
import { Monitor } from './monitor.js';
import type { MonitorMode } from './monitor.js';
import { checkBoolean, checkOneOf, checkOptions } from './options.js';

/** Options of {@link EarlyStopping}; every one has Keras' default. */
export interface EarlyStoppingOptions {
  /** The log value to watch. Default `'val_loss'`. */
  monitor?: string;
  /** The smallest change that counts as an improvement (its sign is ignored). Default 0. */
  minDelta?: number;
  /** Epochs without improvement after which training stops. Default 0. */
  patience?: number;
  /** 1 prints a line when stopping and when restoring weights. Default 0. */
  verbose?: 0 | 1;
  /** `'min'`, `'max'`, or `'auto'` to infer the direction from the monitor's name. Default `'auto'`. */
  mode?: MonitorMode;
  /** A value the monitored quantity must beat for the patience count to restart. Default none. */
  baseline?: number;
  /**
   * Restore the weights of the best epoch when training ends (whether or not it stopped early),
   * as Keras 3 does. Default false.
   */
  restoreBestWeights?: boolean;
  /** Epochs to wait before watching the value at all (a warm-up). Default 0. */
  startFromEpoch?: number;
}

const OWNER = 'EarlyStopping';
const KNOWN_OPTIONS = [
  'monitor',
  'minDelta',
  'patience',
  'verbose',
  'mode',
  'baseline',
  'restoreBestWeights',
  'startFromEpoch',
] as const;

/**
 * Stops training when a monitored value has stopped improving, with Keras 3's
 * `keras.callbacks.EarlyStopping` semantics: at every epoch end the value is compared with the
 * best so far (more than `minDelta` better counts as an improvement); after `patience` epochs
 * without one, `model.stopTraining` is set. The first watched epoch is always an improvement.
 * With a `baseline`, the patience count only restarts on epochs that also beat the baseline.
 * With `restoreBestWeights`, the best epoch's weights are copied (and the copies disposed once
 * restored at the end of training).
 *
 * @example
 * ```ts
 * const stop = new EarlyStopping({ monitor: 'val_loss', patience: 3, restoreBestWeights: true });
 * await model.fit(x, y, { epochs: 100, validationSplit: 0.2, callbacks: [stop] });
 * console.log(`stopped at epoch ${stop.stoppedEpoch + 1}, best was ${stop.bestEpoch + 1}`);
 * ```
 */
export class EarlyStopping extends Callback {
  /** The log value watched. */
  readonly monitor: string;
  /** The mode asked for (`'auto'` resolved by name; see `resolveDirection`). */
  readonly mode: MonitorMode;
  /** The smallest change that counts as an improvement (non-negative). */
  readonly minDelta: number;
  /** Epochs without improvement tolerated. */
  readonly patience: number;
  /** 1 prints messages when acting. */
  readonly verbose: 0 | 1;
  /** The value to beat for the patience count to restart, if any. */
  readonly baseline: number | undefined;
  /** Whether the best epoch's weights are restored at the end of training. */
  readonly restoreBestWeights: boolean;
  /** Warm-up epochs not watched. */
  readonly startFromEpoch: number;

  private readonly watch: Monitor;
  private waitCount = 0;
  private stopped = 0;
  private bestValue: number | undefined;
  private bestEpochIndex = 0;
  private bestWeights: Tensor[] | undefined;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: EarlyStoppingOptions = {}) {
    super();
    checkOptions(OWNER, options, KNOWN_OPTIONS);
    const {
      monitor = 'val_loss',
      minDelta = 0,
      patience = 0,
      verbose = 0,
      mode = 'auto',
      baseline,
      restoreBestWeights = false,
      startFromEpoch = 0,
    } = options;
    this.watch = new Monitor(OWNER, { monitor, mode, minDelta });
    this.monitor = this.watch.monitor;
    this.mode = this.watch.mode;
    this.minDelta = this.watch.minDelta;
    this.patience = checkInteger(OWNER, 'patience', patience, 0);
    this.verbose = checkOneOf(OWNER, 'verbose', verbose, [0, 1] as const);
    if (baseline !== undefined && (typeof baseline !== 'number' || !Number.isFinite(baseline))) {
      throw invalidArgument({ owner: OWNER, argument: 'baseline', expected: 'a finite number or undefined', received: baseline });
    }
    this.baseline = baseline;
    this.restoreBestWeights = checkBoolean(OWNER, 'restoreBestWeights', restoreBestWeights);
    this.startFromEpoch = checkInteger(OWNER, 'startFromEpoch', startFromEpoch, 0);
  }

  /** The epoch (from 0) at which training was stopped, or 0 when it was not, as in Keras. */
  get stoppedEpoch(): number {
    return this.stopped;
  }

  /** The epoch (from 0) with the best monitored value so far. */
  get bestEpoch(): number {
    return this.bestEpochIndex;
  }

  /** The best monitored value so far, or `undefined` before the first watched epoch. */
  get best(): number | undefined {
    return this.bestValue;
  }

  /** Epochs counted towards `patience` since the last improvement that reset the count. */
  get wait(): number {
    return this.waitCount;
  }

  /** Resets the state, so that one instance can serve several `fit` calls. */
  override onTrainBegin(): void {
    this.releaseBestWeights();
    this.waitCount = 0;
    this.stopped = 0;
    this.bestValue = undefined;
    this.bestEpochIndex = 0;
  }

  /** Compares the epoch's value with the best so far and stops training when patience runs out. */
  override onEpochEnd(epoch: number, logs?: Logs): void {
    const current = this.watch.read(logs);
    if (current === undefined) {
      console.warn(this.watch.missingMessage('Early stopping', logs));
      return;
    }
    if (epoch < this.startFromEpoch) return;

    const improved = this.watch.isImprovement(current, this.bestValue);
    if (this.restoreBestWeights && this.bestWeights === undefined) {
      // The first watched epoch's weights are the best until something beats them.
      this.bestWeights = this.model.getWeights();
      this.bestEpochIndex = epoch;
    } else if (this.restoreBestWeights && improved) {
      this.releaseBestWeights();
      this.bestWeights = this.model.getWeights();
    }

    this.waitCount += 1;
    if (improved) {
      this.bestValue = current;
      this.bestEpochIndex = epoch;
      // The count restarts only on epochs that beat both the best so far and the baseline.
      if (this.baseline === undefined || this.watch.isImprovement(current, this.baseline)) this.waitCount = 0;
      return;
    }
    if (this.waitCount >= this.patience && epoch > 0) {
      this.stopped = epoch;
      this.model.stopTraining = true;
    }
  }

  /** Reports the stop and restores (then disposes) the best weights when asked to. */
  override onTrainEnd(): void {
    if (this.stopped > 0 && this.verbose > 0) console.log(`Epoch ${this.stopped + 1}: early stopping`);
    if (this.restoreBestWeights && this.bestWeights !== undefined) {
      if (this.verbose > 0) {
        console.log(`Restoring model weights from the end of the best epoch: ${this.bestEpochIndex + 1}.`);
      }
      try {
        this.model.setWeights(this.bestWeights);
      } finally {
        this.releaseBestWeights();
      }
    }
  }

  private releaseBestWeights(): void {
    disposeAll(this.bestWeights);
    this.bestWeights = undefined;
  }
}
