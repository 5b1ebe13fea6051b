import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict } from '@layerwise/core';
import { BaseLoss } from './base-loss.js';
import type { LossOptions } from './base-loss.js';
import { checkConfig, checkOptions } from './options.js';
import type { Reduction } from './reduction.js';
import { alignTargets, checkTensor } from './shapes.js';

const OWNER = 'MeanSquaredError';

/**
 * The mean of `(yPred - yTrue)^2` over every axis but the batch axis, as Keras'
 * `MeanSquaredError`. `yTrue` and `yPred` share one shape (`[batch]` against `[batch, 1]` is
 * accepted).
 *
 * @example
 * ```ts
 * const perSample = new MeanSquaredError().call(tf.tensor2d([[1, 2]]), tf.tensor2d([[1.5, 1]]));
 * perSample.print(); // [0.625]
 * ```
 */
export class MeanSquaredError extends BaseLoss {
  readonly name = 'mean_squared_error';
  readonly className = OWNER;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: LossOptions = {}) {
    checkOptions(OWNER, options, ['reduction']);
    super(OWNER, options.reduction);
  }

  /** Rebuilds the loss from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): MeanSquaredError {
    const dict = checkConfig(OWNER, config, [], 'mean_squared_error');
    return new MeanSquaredError({ reduction: dict['reduction'] as Reduction | undefined });
  }

  /** Elementwise squared errors. */
  protected values(yTrue: Tensor, yPred: Tensor): Tensor {
    checkTensor(OWNER, 'yTrue', yTrue, 1);
    checkTensor(OWNER, 'yPred', yPred, 1);
    const [targets, pred] = alignTargets(OWNER, yTrue, yPred);
    return tf.square(tf.sub(pred, targets));
  }

  /** No options beyond `name` and `reduction`. */
  protected kerasOptions(): ConfigDict {
    return {};
  }
}

/**
 * Creates a {@link MeanSquaredError} loss.
 *
 * @example
 * ```ts
 * model.compile({ optimizer: 'sgd', loss: meanSquaredError() });
 * ```
 */
export const meanSquaredError = (options: LossOptions = {}): MeanSquaredError => new MeanSquaredError(options);
