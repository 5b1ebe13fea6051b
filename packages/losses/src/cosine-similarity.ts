import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict } from '@layerwise/core';
import { checkAxis, resolveAxis } from './axis.js';
import { BaseLoss } from './base-loss.js';
import type { LossOptions } from './base-loss.js';
import { EPSILON, checkConfig, checkOptions } from './options.js';
import type { Reduction } from './reduction.js';
import { alignTargets, checkTensor } from './shapes.js';

/** Options of {@link CosineSimilarity}. */
export interface CosineSimilarityOptions extends LossOptions {
  /** The feature axis the similarity is computed along (not the batch axis). Default -1. */
  axis?: number;
}

const OWNER = 'CosineSimilarity';

/**
 * Keras' L2 normalisation: `x * rsqrt(max(sum(x^2), 1e-7^2))` along `axis`, so that a zero
 * vector stays zero (with a finite gradient).
 */
export function l2Normalize(x: Tensor, axis: number): Tensor {
  const squareSum = tf.sum(tf.square(x), axis, true);
  return tf.mul(x, tf.rsqrt(tf.maximum(squareSum, EPSILON * EPSILON)));
}

/**
 * The negated cosine similarity `-sum(l2Normalize(yTrue) * l2Normalize(yPred))` along `axis`, as
 * Keras' `CosineSimilarity`: -1 for vectors pointing the same way, 0 for orthogonal ones (and
 * whenever either vector is zero), 1 for opposite ones. Inputs `[batch, ..., features]`.
 *
 * @example
 * ```ts
 * const perSample = new CosineSimilarity().call(tf.tensor2d([[0, 1], [1, 1]]), tf.tensor2d([[1, 0], [1, 1]]));
 * perSample.print(); // [0, -1]
 * ```
 */
export class CosineSimilarity extends BaseLoss {
  readonly name = 'cosine_similarity';
  readonly className = OWNER;
  /** The feature axis. */
  readonly axis: number;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: CosineSimilarityOptions = {}) {
    checkOptions(OWNER, options, ['axis', 'reduction']);
    super(OWNER, options.reduction);
    this.axis = checkAxis(OWNER, options.axis ?? -1);
  }

  /** Rebuilds the loss from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): CosineSimilarity {
    const dict = checkConfig(OWNER, config, ['axis'], 'cosine_similarity');
    return new CosineSimilarity({ axis: dict['axis'] as number | undefined, reduction: dict['reduction'] as Reduction | undefined });
  }

  /** Negated similarities, the feature axis reduced. */
  protected values(yTrue: Tensor, yPred: Tensor): Tensor {
    checkTensor(OWNER, 'yTrue', yTrue, 2);
    checkTensor(OWNER, 'yPred', yPred, 2);
    const [targets, pred] = alignTargets(OWNER, yTrue, yPred);
    const axis = resolveAxis(OWNER, this.axis, pred.rank);
    return tf.neg(tf.sum(tf.mul(l2Normalize(targets, axis), l2Normalize(pred, axis)), axis));
  }

  /** `{ axis }`. */
  protected kerasOptions(): ConfigDict {
    return { axis: this.axis };
  }
}

/**
 * Creates a {@link CosineSimilarity} loss.
 *
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: cosineSimilarity({ axis: -1 }) });
 * ```
 */
export const cosineSimilarity = (options: CosineSimilarityOptions = {}): CosineSimilarity => new CosineSimilarity(options);
