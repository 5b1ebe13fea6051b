import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict } from '@layerwise/core';
import { BaseLoss } from './base-loss.js';
import type { LossOptions } from './base-loss.js';
import { EPSILON, checkConfig, checkOptions } from './options.js';
import type { Reduction } from './reduction.js';
import { alignTargets, checkTensor } from './shapes.js';

const OWNER = 'MeanSquaredLogarithmicError';

/**
 * `(log(1 + max(yPred, 1e-7)) - log(1 + max(yTrue, 1e-7)))^2` averaged over every axis but the
 * batch axis, as Keras' `MeanSquaredLogarithmicError` (values below `1e-7`, negatives included,
 * count as `1e-7`).
 *
 * @example
 * ```ts
 * const perSample = new MeanSquaredLogarithmicError().call(tf.tensor2d([[1, 10]]), tf.tensor2d([[2, 8]]));
 * ```
 */
export class MeanSquaredLogarithmicError extends BaseLoss {
  readonly name = 'mean_squared_logarithmic_error';
  readonly className = OWNER;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: LossOptions = {}) {
    checkOptions(OWNER, options, ['reduction']);
    super(OWNER, options.reduction);
  }

  /** Rebuilds the loss from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): MeanSquaredLogarithmicError {
    const dict = checkConfig(OWNER, config, [], 'mean_squared_logarithmic_error');
    return new MeanSquaredLogarithmicError({ reduction: dict['reduction'] as Reduction | undefined });
  }

  /** Elementwise squared logarithmic errors. */
  protected values(yTrue: Tensor, yPred: Tensor): Tensor {
    checkTensor(OWNER, 'yTrue', yTrue, 1);
    checkTensor(OWNER, 'yPred', yPred, 1);
    const [targets, pred] = alignTargets(OWNER, yTrue, yPred);
    const logPred = tf.log1p(tf.maximum(pred, EPSILON));
    const logTrue = tf.log1p(tf.maximum(targets, EPSILON));
    return tf.square(tf.sub(logPred, logTrue));
  }

  /** No options beyond `name` and `reduction`. */
  protected kerasOptions(): ConfigDict {
    return {};
  }
}

/**
 * Creates a {@link MeanSquaredLogarithmicError} loss.
 *
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: meanSquaredLogarithmicError() });
 * ```
 */
export const meanSquaredLogarithmicError = (options: LossOptions = {}): MeanSquaredLogarithmicError => new MeanSquaredLogarithmicError(options);
