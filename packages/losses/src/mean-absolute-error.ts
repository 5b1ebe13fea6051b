import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict } from '@layerwise/core';
import { BaseLoss } from './base-loss.js';
import type { LossOptions } from './base-loss.js';
import { checkConfig, checkOptions } from './options.js';
import type { Reduction } from './reduction.js';
import { alignTargets, checkTensor } from './shapes.js';

const OWNER = 'MeanAbsoluteError';

/**
 * The mean of `|yPred - yTrue|` over every axis but the batch axis, as Keras'
 * `MeanAbsoluteError`. `yTrue` and `yPred` share one shape (`[batch]` against `[batch, 1]` is
 * accepted).
 *
 * @example
 * ```ts
 * const loss = new MeanAbsoluteError();
 * loss.reduce(loss.call(tf.tensor1d([1, 0.3, 1]), tf.tensor1d([1.9, 0.3, 1.8]))).print(); // 0.5667
 * ```
 */
export class MeanAbsoluteError extends BaseLoss {
  readonly name = 'mean_absolute_error';
  readonly className = OWNER;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: LossOptions = {}) {
    checkOptions(OWNER, options, ['reduction']);
    super(OWNER, options.reduction);
  }

  /** Rebuilds the loss from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): MeanAbsoluteError {
    const dict = checkConfig(OWNER, config, [], 'mean_absolute_error');
    return new MeanAbsoluteError({ reduction: dict['reduction'] as Reduction | undefined });
  }

  /** Elementwise absolute errors. */
  protected values(yTrue: Tensor, yPred: Tensor): Tensor {
    checkTensor(OWNER, 'yTrue', yTrue, 1);
    checkTensor(OWNER, 'yPred', yPred, 1);
    const [targets, pred] = alignTargets(OWNER, yTrue, yPred);
    return tf.abs(tf.sub(pred, targets));
  }

  /** No options beyond `name` and `reduction`. */
  protected kerasOptions(): ConfigDict {
    return {};
  }
}

/**
 * Creates a {@link MeanAbsoluteError} loss.
 *
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: meanAbsoluteError() });
 * ```
 */
export const meanAbsoluteError = (options: LossOptions = {}): MeanAbsoluteError => new MeanAbsoluteError(options);
