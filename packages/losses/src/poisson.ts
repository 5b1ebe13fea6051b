import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict } from '@layerwise/core';
import { BaseLoss } from './base-loss.js';
import type { LossOptions } from './base-loss.js';
import { EPSILON, checkConfig, checkOptions } from './options.js';
import type { Reduction } from './reduction.js';
import { alignTargets, checkTensor } from './shapes.js';

const OWNER = 'Poisson';

/**
 * The Poisson loss `yPred - yTrue * log(yPred + 1e-7)` averaged over every axis but the batch
 * axis, as Keras' `Poisson` (count targets against positive rate predictions).
 *
 * @example
 * ```ts
 * const perSample = new Poisson().call(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[1, 1], [0, 0]]));
 * perSample.print(); // [1, 0]
 * ```
 */
export class Poisson extends BaseLoss {
  readonly name = 'poisson';
  readonly className = OWNER;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: LossOptions = {}) {
    checkOptions(OWNER, options, ['reduction']);
    super(OWNER, options.reduction);
  }

  /** Rebuilds the loss from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): Poisson {
    const dict = checkConfig(OWNER, config, [], 'poisson');
    return new Poisson({ reduction: dict['reduction'] as Reduction | undefined });
  }

  /** Elementwise Poisson losses. */
  protected values(yTrue: Tensor, yPred: Tensor): Tensor {
    checkTensor(OWNER, 'yTrue', yTrue, 1);
    checkTensor(OWNER, 'yPred', yPred, 1);
    const [targets, pred] = alignTargets(OWNER, yTrue, yPred);
    return tf.sub(pred, tf.mul(targets, tf.log(tf.add(pred, EPSILON))));
  }

  /** No options beyond `name` and `reduction`. */
  protected kerasOptions(): ConfigDict {
    return {};
  }
}

/**
 * Creates a {@link Poisson} loss.
 *
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: poisson() });
 * ```
 */
export const poisson = (options: LossOptions = {}): Poisson => new Poisson(options);
