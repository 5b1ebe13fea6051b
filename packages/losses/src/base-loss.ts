import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict, Loss, Serializable } from '@layerwise/core';
import { checkReduction, reduceValues } from './reduction.js';
import type { Reduction } from './reduction.js';
import { meanOverNonBatchAxes } from './shapes.js';

/** The option every loss takes. */
export interface LossOptions {
  /** How {@link BaseLoss.reduce} reduces per-sample losses. Default `'sum_over_batch_size'`, as Keras. */
  reduction?: Reduction;
}

/**
 * What every loss of this package shares, as Keras' `Loss`: a Keras `name`, a `reduction`,
 * `call` giving one loss per sample, `reduce` applying the reduction with sample weights, and
 * `getConfig` with Keras' keys. A subclass computes its values in `values`.
 */
export abstract class BaseLoss implements Loss, Serializable {
  /** The Keras name, as written in configs and logs. */
  abstract readonly name: string;
  /** The class name written into saved configs. */
  abstract readonly className: string;
  /** How {@link reduce} reduces per-sample losses. */
  readonly reduction: Reduction;

  /** Validates the reduction (a `LayerwiseError` names a bad one). */
  protected constructor(owner: string, reduction: unknown) {
    this.reduction = checkReduction(owner, reduction ?? 'sum_over_batch_size');
  }

  /**
   * The loss values, batch first: elementwise, or with the class/feature axis reduced, as the
   * loss defines them (`call` averages them over every axis but the first). Checks its inputs;
   * runs inside a `tidy`.
   */
  protected abstract values(yTrue: Tensor, yPred: Tensor): Tensor;

  /** The loss' own options as Keras config entries (snake_case keys). */
  protected abstract kerasOptions(): ConfigDict;

  /**
   * Per-sample losses, shape `[batch]`: the values averaged over every axis but the first.
   * Differentiable; reads nothing back from the device; the inputs are not disposed.
   */
  call(yTrue: Tensor, yPred: Tensor): Tensor {
    return tf.tidy(() => meanOverNonBatchAxes(this.values(yTrue, yPred)));
  }

  /**
   * Applies {@link reduction} to per-sample losses from {@link call}, with optional sample
   * weights of shape `[batch]`, `[batch, 1]` or `[]`, exactly as Keras' `Loss.__call__` does
   * after `call`: the losses are multiplied by the weights, then `'sum_over_batch_size'` and
   * `'mean'` divide their sum by the number of losses (not by the sum of the weights),
   * `'mean_with_sample_weight'` by the sum of the weights, `'sum'` returns the sum and `'none'`
   * the weighted losses. Returns a new tensor (a scalar but for `'none'`); inputs are not disposed.
   *
   * For targets with axes beyond `[batch, features]` (sequences, images) `call` has already
   * averaged each sample's positions, so `'sum'` sums one mean per sample where Keras sums every
   * position; the means (`'sum_over_batch_size'`, `'mean'`) agree with Keras for any rank.
   *
   * @example
   * ```ts
   * const loss = new MeanSquaredError({ reduction: 'sum' });
   * const value = loss.reduce(loss.call(yTrue, yPred), sampleWeight);
   * ```
   */
  reduce(perSample: Tensor, sampleWeight?: Tensor): Tensor {
    return reduceValues(this.className, perSample, sampleWeight, this.reduction);
  }

  /** Keras' config: `{ name, reduction, ...options }`. */
  getConfig(): ConfigDict {
    return { name: this.name, reduction: this.reduction, ...this.kerasOptions() };
  }
}
