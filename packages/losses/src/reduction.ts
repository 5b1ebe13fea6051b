import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { LayerwiseError, checkOneOf, checkTensor, formatShape, toFloat } from '@layerwise/core';
import type { Loss } from '@layerwise/core';

/**
 * How per-sample losses become the value a model minimises, as Keras 3's `reduction`:
 *
 * - `'sum_over_batch_size'` (the default) and `'mean'`: the sum of the weighted losses divided
 *   by their number, whatever the weights (a weight of 0 still counts in the divisor);
 * - `'sum'`: the sum of the weighted losses;
 * - `'mean_with_sample_weight'`: the sum of the weighted losses divided by the sum of the
 *   weights (as `'sum_over_batch_size'` without weights);
 * - `'none'`: the weighted losses themselves, one per sample.
 */
export type Reduction = 'sum_over_batch_size' | 'sum' | 'mean' | 'mean_with_sample_weight' | 'none';

/** Every {@link Reduction}, default first. */
export const REDUCTIONS: readonly Reduction[] = ['sum_over_batch_size', 'sum', 'mean', 'mean_with_sample_weight', 'none'];

/** Throws a `LayerwiseError` naming `reduction` unless `value` is a {@link Reduction}. */
export function checkReduction(owner: string, value: unknown): Reduction {
  return checkOneOf(owner, 'reduction', value, REDUCTIONS);
}

/** Whether `a` and `b` broadcast against each other (numpy rules). */
function broadcastable(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 1; i <= Math.min(a.length, b.length); i++) {
    const x = a[a.length - i] as number;
    const y = b[b.length - i] as number;
    if (x !== y && x !== 1 && y !== 1) return false;
  }
  return true;
}

/**
 * Keras' `reduce_weighted_values`: `values` times `sampleWeight` (their ranks first brought
 * together when one has an extra trailing axis of 1, as `squeeze_or_expand_to_same_rank`),
 * then reduced as `reduction` says. Returns a new tensor the caller disposes; neither input is
 * disposed. A scalar `values` without weights is returned (as a copy) under every reduction,
 * as Keras does.
 */
export function reduceValues(owner: string, values: Tensor, sampleWeight: Tensor | undefined, reduction: Reduction): Tensor {
  checkTensor(owner, 'values', values, 0);
  if (sampleWeight !== undefined) checkTensor(owner, 'sampleWeight', sampleWeight, 0);
  return tf.tidy(() => {
    let v = toFloat(values);
    let w: Tensor | undefined;
    if (sampleWeight !== undefined) {
      w = toFloat(sampleWeight);
      if (w.rank === v.rank + 1 && w.shape[w.rank - 1] === 1) w = tf.reshape(w, w.shape.slice(0, -1));
      else if (v.rank === w.rank + 1 && v.shape[v.rank - 1] === 1) w = tf.expandDims(w, -1);
      if (!broadcastable(v.shape, w.shape)) {
        throw new LayerwiseError(
          `${owner}: sampleWeight must have one weight per sample (or be a scalar). ` +
            `Received: sampleWeight.shape=${formatShape(sampleWeight.shape)} for values of shape ${formatShape(values.shape)}`,
        );
      }
      v = tf.mul(v, w);
    }
    if (reduction === 'none' || v.rank === 0) return tf.clone(v);
    const total = tf.sum(v);
    if (reduction === 'sum') return total;
    if (reduction === 'mean_with_sample_weight' && w !== undefined) return tf.divNoNan(total, tf.sum(w));
    // The batch size is a constant: a plain division (no zero guard kernels) unless the batch is empty.
    return v.size === 0 ? tf.zerosLike(total) : tf.div(total, v.size);
  });
}

/**
 * Applies `loss`' reduction to per-sample losses computed by `loss.call`, with optional sample
 * weights (`[batch]`, `[batch, 1]` or a scalar): what a training loop minimises. Losses of this
 * package do it with their own `reduce` method (which knows their `reduction`); any other
 * object with `name` and `call` gets Keras' default, `'sum_over_batch_size'` (the mean of the
 * weighted losses over the batch size, not over the sum of weights).
 *
 * @example
 * ```ts
 * const perSample = loss.call(yTrue, yPred);
 * const value = reduceLoss(loss, perSample, sampleWeight); // a scalar, unless reduction is 'none'
 * ```
 */
export function reduceLoss(loss: Loss, perSample: Tensor, sampleWeight?: Tensor): Tensor {
  const own = (loss as Partial<{ reduce(perSample: Tensor, sampleWeight?: Tensor): Tensor }>).reduce;
  if (typeof own === 'function') return own.call(loss, perSample, sampleWeight);
  return reduceValues('reduceLoss', perSample, sampleWeight, 'sum_over_batch_size');
}
