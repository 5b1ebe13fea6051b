import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict } from '@layerwise/core';
import { BaseLoss } from './base-loss.js';
import type { LossOptions } from './base-loss.js';
import { EPSILON, checkConfig, checkOptions } from './options.js';
import type { Reduction } from './reduction.js';
import { alignTargets, checkTensor } from './shapes.js';

const OWNER = 'KLDivergence';

/**
 * The Kullback-Leibler divergence `sum(yTrue * log(yTrue / yPred))` over the last axis, as Keras'
 * `KLDivergence`: both tensors hold distributions of shape `[batch, ..., classes]` and are clipped
 * to `[1e-7, 1]` first (so a target of 0 contributes about 0).
 *
 * @example
 * ```ts
 * const perSample = new KLDivergence().call(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[0.6, 0.4], [0.4, 0.6]]));
 * perSample.print(); // [0.9163, 0]
 * ```
 */
export class KLDivergence extends BaseLoss {
  readonly name = 'kl_divergence';
  readonly className = OWNER;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: LossOptions = {}) {
    checkOptions(OWNER, options, ['reduction']);
    super(OWNER, options.reduction);
  }

  /** Rebuilds the loss from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): KLDivergence {
    const dict = checkConfig(OWNER, config, [], 'kl_divergence');
    return new KLDivergence({ reduction: dict['reduction'] as Reduction | undefined });
  }

  /** Divergences, the last axis summed out. */
  protected values(yTrue: Tensor, yPred: Tensor): Tensor {
    checkTensor(OWNER, 'yTrue', yTrue, 2);
    checkTensor(OWNER, 'yPred', yPred, 2);
    const [targets, pred] = alignTargets(OWNER, yTrue, yPred);
    const t = tf.clipByValue(targets, EPSILON, 1);
    const p = tf.clipByValue(pred, EPSILON, 1);
    return tf.sum(tf.mul(t, tf.log(tf.div(t, p))), -1);
  }

  /** No options beyond `name` and `reduction`. */
  protected kerasOptions(): ConfigDict {
    return {};
  }
}

/**
 * Creates a {@link KLDivergence} loss.
 *
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: klDivergence() });
 * ```
 */
export const klDivergence = (options: LossOptions = {}): KLDivergence => new KLDivergence(options);
