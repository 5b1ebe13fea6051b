import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { invalidArgument } from '@layerwise/core';
import type { ConfigValue } from '@layerwise/core';
import { BaseLoss } from './base-loss.js';
import type { LossOptions } from './base-loss.js';
import { alignTargets, checkTensor } from './shapes.js';

/** Options shared by {@link Dice} and {@link Tversky}. */
export interface OverlapLossOptions extends LossOptions {
  /**
   * The axes the overlap is summed over: `null` (the default, as Keras) sums over the whole
   * batch, giving one loss for the batch; an axis or a list of axes (not the batch axis), such
   * as `[1, 2, 3]` for `[batch, height, width, channels]` masks, gives one loss per sample (per
   * remaining position, averaged by `call`).
   */
  axis?: number | readonly number[] | null;
}

/** Throws unless `axis` is `null`, an integer or a non-empty array of distinct integers; arrays are copied. */
export function checkOverlapAxis(owner: string, axis: unknown): number | readonly number[] | null {
  if (axis === null) return null;
  const list = Array.isArray(axis) ? axis : [axis];
  const ok = list.length > 0 && list.every((a) => typeof a === 'number' && Number.isInteger(a)) && new Set(list).size === list.length;
  if (!ok) {
    throw invalidArgument({ owner, argument: 'axis', expected: 'null, an integer or a non-empty list of distinct integers', received: axis });
  }
  return Array.isArray(axis) ? [...(axis as number[])] : (axis as number);
}

/**
 * The base of the overlap losses for segmentation masks (`Dice`, `Tversky`): `yTrue` and
 * `yPred` of one shape, summed over `axis` by `score`, the loss being `1 - score`.
 *
 * With `axis: null` Keras computes one value for the whole batch; `call` gives that value to
 * every sample, and `reduce` without sample weights returns it under every reduction (as Keras
 * returns a scalar loss as it is), while with weights each sample's copy is weighted.
 */
export abstract class OverlapLoss extends BaseLoss {
  /** The axes summed over, or `null` for the whole batch. */
  readonly axis: number | readonly number[] | null;

  /** Validates `axis` and the reduction. */
  protected constructor(owner: string, options: OverlapLossOptions) {
    super(owner, options.reduction);
    this.axis = checkOverlapAxis(owner, options.axis === undefined ? null : options.axis);
  }

  /** The overlap score (1 for a perfect match) summed over `axes` (every axis when `null`). */
  protected abstract score(yTrue: Tensor, yPred: Tensor, axes: number[] | null): Tensor;

  /** `1 - score`, over the batch (a scalar) or per sample and remaining position. */
  protected values(yTrue: Tensor, yPred: Tensor): Tensor {
    checkTensor(this.className, 'yTrue', yTrue, 1);
    checkTensor(this.className, 'yPred', yPred, 1);
    const [targets, pred] = alignTargets(this.className, yTrue, yPred);
    return tf.sub(1, this.score(targets, pred, this.resolveAxes(pred.rank)));
  }

  /** Per-sample losses, shape `[batch]` (with `axis: null`, the batch's loss for every sample). */
  override call(yTrue: Tensor, yPred: Tensor): Tensor {
    if (this.axis !== null) return super.call(yTrue, yPred);
    return tf.tidy(() => tf.mul(tf.ones([yPred.shape[0] ?? 1]), this.values(yTrue, yPred)));
  }

  /** As {@link BaseLoss.reduce}; with `axis: null` and no weights, the batch's loss itself. */
  override reduce(perSample: Tensor, sampleWeight?: Tensor): Tensor {
    if (this.axis === null && sampleWeight === undefined) {
      checkTensor(this.className, 'perSample', perSample, 1);
      return tf.mean(perSample);
    }
    return super.reduce(perSample, sampleWeight);
  }

  /** `{ axis }` and the subclass' options. */
  protected kerasOptions(): Record<string, ConfigValue> {
    return { axis: this.axis };
  }

  private resolveAxes(rank: number): number[] | null {
    if (this.axis === null) return null;
    const list = typeof this.axis === 'number' ? [this.axis] : [...this.axis];
    const resolved = list.map((a) => (a < 0 ? a + rank : a));
    if (resolved.some((a) => a < 1 || a >= rank)) {
      throw invalidArgument({
        owner: this.className,
        argument: 'axis',
        expected: `axes of the inputs other than the batch axis (1 to ${rank - 1}, or negative) for inputs of rank ${rank}`,
        received: this.axis,
      });
    }
    return resolved;
  }
}
