import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict, Loss, Serializable } from '@layerwise/core';
import { checkConfig } from './options.js';
import { alignTargets, checkTensor, meanOverNonBatchAxes } from './shapes.js';

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
export class MeanSquaredError implements Loss, Serializable {
  readonly name = 'mean_squared_error';
  readonly className = OWNER;

  /** Rebuilds the loss from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): MeanSquaredError {
    checkConfig(OWNER, config, [], 'mean_squared_error');
    return new MeanSquaredError();
  }

  /** Per-sample losses, shape `[batch]`. The inputs are not disposed. */
  call(yTrue: Tensor, yPred: Tensor): Tensor {
    checkTensor(OWNER, 'yTrue', yTrue, 1);
    checkTensor(OWNER, 'yPred', yPred, 1);
    return tf.tidy(() => {
      const [targets, pred] = alignTargets(OWNER, yTrue, yPred);
      return meanOverNonBatchAxes(tf.square(tf.sub(pred, targets)));
    });
  }

  /** Keras' config: `{ name }`. */
  getConfig(): ConfigDict {
    return { name: this.name };
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
export const meanSquaredError = (): MeanSquaredError => new MeanSquaredError();
