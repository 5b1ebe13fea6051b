import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict } from '@layerwise/core';
import { BaseLoss } from './base-loss.js';
import type { LossOptions } from './base-loss.js';
import { EPSILON, checkConfig, checkOptions } from './options.js';
import type { Reduction } from './reduction.js';
import { alignTargets, checkTensor } from './shapes.js';

const OWNER = 'MeanAbsolutePercentageError';

/**
 * `100 * |yTrue - yPred| / max(|yTrue|, 1e-7)` averaged over every axis but the batch axis, as
 * Keras' `MeanAbsolutePercentageError` (the `1e-7` keeps zero targets finite).
 *
 * @example
 * ```ts
 * const loss = new MeanAbsolutePercentageError();
 * loss.reduce(loss.call(tf.tensor1d([100, 200, 300]), tf.tensor1d([90, 210, 310]))).print(); // 6.1111
 * ```
 */
export class MeanAbsolutePercentageError extends BaseLoss {
  readonly name = 'mean_absolute_percentage_error';
  readonly className = OWNER;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: LossOptions = {}) {
    checkOptions(OWNER, options, ['reduction']);
    super(OWNER, options.reduction);
  }

  /** Rebuilds the loss from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): MeanAbsolutePercentageError {
    const dict = checkConfig(OWNER, config, [], 'mean_absolute_percentage_error');
    return new MeanAbsolutePercentageError({ reduction: dict['reduction'] as Reduction | undefined });
  }

  /** Elementwise absolute percentage errors. */
  protected values(yTrue: Tensor, yPred: Tensor): Tensor {
    checkTensor(OWNER, 'yTrue', yTrue, 1);
    checkTensor(OWNER, 'yPred', yPred, 1);
    const [targets, pred] = alignTargets(OWNER, yTrue, yPred);
    const scale = tf.maximum(tf.abs(targets), EPSILON);
    return tf.mul(tf.abs(tf.div(tf.sub(targets, pred), scale)), 100);
  }

  /** No options beyond `name` and `reduction`. */
  protected kerasOptions(): ConfigDict {
    return {};
  }
}

/**
 * Creates a {@link MeanAbsolutePercentageError} loss.
 *
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: meanAbsolutePercentageError() });
 * ```
 */
export const meanAbsolutePercentageError = (options: LossOptions = {}): MeanAbsolutePercentageError => new MeanAbsolutePercentageError(options);
