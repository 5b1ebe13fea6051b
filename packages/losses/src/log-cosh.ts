import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict } from '@layerwise/core';
import { BaseLoss } from './base-loss.js';
import type { LossOptions } from './base-loss.js';
import { checkConfig, checkOptions } from './options.js';
import type { Reduction } from './reduction.js';
import { alignTargets, checkTensor } from './shapes.js';

const OWNER = 'LogCosh';

/**
 * The logarithm of the hyperbolic cosine of the prediction error, averaged over every axis but
 * the batch axis, as Keras' `LogCosh`: about `x^2 / 2` for small errors and `|x| - log 2` for
 * large ones, computed stably as `x + softplus(-2x) - log 2` with `x = yPred - yTrue`.
 *
 * @example
 * ```ts
 * const perSample = new LogCosh().call(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[1, 1], [0, 0]]));
 * perSample.print(); // [0.2169, 0]
 * ```
 */
export class LogCosh extends BaseLoss {
  readonly name = 'log_cosh';
  readonly className = OWNER;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: LossOptions = {}) {
    checkOptions(OWNER, options, ['reduction']);
    super(OWNER, options.reduction);
  }

  /** Rebuilds the loss from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): LogCosh {
    const dict = checkConfig(OWNER, config, [], 'log_cosh');
    return new LogCosh({ reduction: dict['reduction'] as Reduction | undefined });
  }

  /** Elementwise log-cosh of the errors. */
  protected values(yTrue: Tensor, yPred: Tensor): Tensor {
    checkTensor(OWNER, 'yTrue', yTrue, 1);
    checkTensor(OWNER, 'yPred', yPred, 1);
    const [targets, pred] = alignTargets(OWNER, yTrue, yPred);
    const x = tf.sub(pred, targets);
    return tf.sub(tf.add(x, tf.softplus(tf.mul(x, -2))), Math.LN2);
  }

  /** No options beyond `name` and `reduction`. */
  protected kerasOptions(): ConfigDict {
    return {};
  }
}

/**
 * Creates a {@link LogCosh} loss.
 *
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: logCosh() });
 * ```
 */
export const logCosh = (options: LossOptions = {}): LogCosh => new LogCosh(options);
