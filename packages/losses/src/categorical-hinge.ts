import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict } from '@layerwise/core';
import { BaseLoss } from './base-loss.js';
import type { LossOptions } from './base-loss.js';
import { checkConfig, checkOptions } from './options.js';
import type { Reduction } from './reduction.js';
import { alignTargets, checkTensor } from './shapes.js';

const OWNER = 'CategoricalHinge';

/**
 * The categorical hinge loss `max(neg - pos + 1, 0)`, with `pos = sum(yTrue * yPred)` and
 * `neg = max((1 - yTrue) * yPred)` over the last axis, as Keras' `CategoricalHinge`: one-hot
 * targets against scores of shape `[batch, ..., classes]`.
 *
 * @example
 * ```ts
 * const perSample = new CategoricalHinge().call(tf.tensor2d([[0, 1, 0]]), tf.tensor2d([[0.2, 0.5, 0.9]]));
 * perSample.print(); // [1.4]
 * ```
 */
export class CategoricalHinge extends BaseLoss {
  readonly name = 'categorical_hinge';
  readonly className = OWNER;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: LossOptions = {}) {
    checkOptions(OWNER, options, ['reduction']);
    super(OWNER, options.reduction);
  }

  /** Rebuilds the loss from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): CategoricalHinge {
    const dict = checkConfig(OWNER, config, [], 'categorical_hinge');
    return new CategoricalHinge({ reduction: dict['reduction'] as Reduction | undefined });
  }

  /** Hinge values, the class axis reduced. */
  protected values(yTrue: Tensor, yPred: Tensor): Tensor {
    checkTensor(OWNER, 'yTrue', yTrue, 2);
    checkTensor(OWNER, 'yPred', yPred, 2);
    const [targets, pred] = alignTargets(OWNER, yTrue, yPred);
    const pos = tf.sum(tf.mul(targets, pred), -1);
    const neg = tf.max(tf.mul(tf.sub(1, targets), pred), -1);
    return tf.relu(tf.add(tf.sub(neg, pos), 1));
  }

  /** No options beyond `name` and `reduction`. */
  protected kerasOptions(): ConfigDict {
    return {};
  }
}

/**
 * Creates a {@link CategoricalHinge} loss.
 *
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: categoricalHinge() });
 * ```
 */
export const categoricalHinge = (options: LossOptions = {}): CategoricalHinge => new CategoricalHinge(options);
