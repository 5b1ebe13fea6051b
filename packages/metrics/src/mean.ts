import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import type { ConfigDict, Serializable } from '@layerwise/core';
import { checkConfig, checkName, checkOptions } from './options.js';
import { checkSampleWeight, samplewiseTotals } from './samplewise.js';
import { checkTensor } from './shapes.js';

/** Options of {@link Mean}. */
export interface MeanOptions {
  /** The name under which the value is logged. Default `'mean'`. */
  name?: string;
}

/** The device-side state of a running mean: a weighted total and the total weight. */
interface MeanState {
  readonly total: Variable;
  readonly count: Variable;
}

/**
 * The running (optionally weighted) mean of values, as Keras' `keras.metrics.Mean`: what
 * tracks a loss over an epoch. Unlike a {@link Metric} it takes values, not `(yTrue, yPred)`:
 * `update(values, sampleWeight?)`. Values are averaged to one per sample (over every axis but
 * the first) and each sample counts once (or with its weight), so the mean is correct over
 * batches of any size. The state is two scalar variables on the device, created on the first
 * update; `update` reads nothing back.
 *
 * @example
 * ```ts
 * const tracker = new Mean({ name: 'loss' });
 * tracker.update(tf.tensor1d([1, 2, 3]));
 * tracker.update(tf.tensor1d([10]), tf.tensor1d([2]));
 * const value = tracker.result(); // (1 + 2 + 3 + 2 * 10) / (3 + 2) = 5.2
 * ```
 */
export class Mean implements Serializable {
  readonly className: string = 'Mean';
  /** The name under which the value is logged. */
  readonly name: string;
  private state: MeanState | undefined;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: MeanOptions = {}) {
    checkOptions(this.className, options, ['name']);
    this.name = checkName(this.className, options.name ?? 'mean');
  }

  /** Rebuilds the tracker from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): Mean {
    const dict = checkConfig('Mean', config, ['name']);
    return new Mean({ name: dict['name'] as string | undefined });
  }

  /**
   * Adds values (any shape, batch first; a scalar counts as one sample) with optional weights
   * whose shape is a leading part of the values' shape (`[batch]` usually). Neither tensor is
   * disposed.
   */
  update(values: Tensor, sampleWeight?: Tensor): void {
    checkTensor(this.className, 'values', values, 0);
    const weightShape = sampleWeight === undefined ? undefined : checkSampleWeight(this.className, values, sampleWeight);
    const { total, count } = this.ensureState();
    tf.tidy(() => {
      const [sum, weight] = samplewiseTotals(values, sampleWeight, weightShape);
      total.assign(tf.add(total, sum));
      count.assign(tf.add(count, weight));
    });
  }

  /** The mean so far, as a new scalar the caller disposes (0 before any update or with zero weight). */
  result(): Tensor {
    const state = this.state;
    if (state === undefined) return tf.scalar(0);
    return tf.divNoNan(state.total, state.count);
  }

  /** Forgets every value seen (the state stays allocated). */
  reset(): void {
    const state = this.state;
    if (state === undefined) return;
    tf.tidy(() => {
      state.total.assign(tf.zerosLike(state.total));
      state.count.assign(tf.zerosLike(state.count));
    });
  }

  /** Frees the state; a later update starts again from zero. */
  dispose(): void {
    if (this.state === undefined) return;
    this.state.total.dispose();
    this.state.count.dispose();
    this.state = undefined;
  }

  /** Keras' config: `{ name }`. */
  getConfig(): ConfigDict {
    return { name: this.name };
  }

  private ensureState(): MeanState {
    if (this.state === undefined) {
      this.state = tf.tidy(() => ({
        total: tf.variable(tf.scalar(0), false),
        count: tf.variable(tf.scalar(0), false),
      }));
    }
    return this.state;
  }
}
