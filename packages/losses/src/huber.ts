import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkNumber } from '@layerwise/core';
import type { ConfigDict } from '@layerwise/core';
import { BaseLoss } from './base-loss.js';
import type { LossOptions } from './base-loss.js';
import { checkConfig, checkOptions } from './options.js';
import type { Reduction } from './reduction.js';
import { alignTargets, checkTensor } from './shapes.js';

/** Options of {@link Huber}. */
export interface HuberOptions extends LossOptions {
  /** Where the loss turns from quadratic to linear, a positive number. Default 1. */
  delta?: number;
}

const OWNER = 'Huber';

/**
 * The Huber loss, averaged over every axis but the batch axis, as Keras' `Huber`: with
 * `x = yPred - yTrue`, `0.5 * x^2` where `|x| <= delta` and `delta * |x| - 0.5 * delta^2` beyond.
 * Keras names it `'huber_loss'`.
 *
 * @example
 * ```ts
 * const loss = new Huber({ delta: 1 });
 * loss.reduce(loss.call(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[0.6, 0.4], [0.4, 0.6]]))).print(); // 0.155
 * ```
 */
export class Huber extends BaseLoss {
  readonly name = 'huber_loss';
  readonly className = OWNER;
  /** The quadratic-to-linear threshold. */
  readonly delta: number;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: HuberOptions = {}) {
    checkOptions(OWNER, options, ['delta', 'reduction']);
    super(OWNER, options.reduction);
    this.delta = checkNumber(OWNER, 'delta', options.delta ?? 1, { min: 0, minExclusive: true });
  }

  /** Rebuilds the loss from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): Huber {
    const dict = checkConfig(OWNER, config, ['delta'], 'huber_loss');
    return new Huber({ delta: dict['delta'] as number | undefined, reduction: dict['reduction'] as Reduction | undefined });
  }

  /** Elementwise Huber values. */
  protected values(yTrue: Tensor, yPred: Tensor): Tensor {
    checkTensor(OWNER, 'yTrue', yTrue, 1);
    checkTensor(OWNER, 'yPred', yPred, 1);
    const [targets, pred] = alignTargets(OWNER, yTrue, yPred);
    const error = tf.sub(pred, targets);
    const absError = tf.abs(error);
    const quadratic = tf.mul(tf.square(error), 0.5);
    const linear = tf.sub(tf.mul(absError, this.delta), 0.5 * this.delta * this.delta);
    // `delta >= |x|` rather than `|x| <= delta`: tfjs registers a gradient for GreaterEqual only.
    return tf.where(tf.greaterEqual(this.delta, absError), quadratic, linear);
  }

  /** `{ delta }`. */
  protected kerasOptions(): ConfigDict {
    return { delta: this.delta };
  }
}

/**
 * Creates a {@link Huber} loss.
 *
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: huber({ delta: 0.5 }) });
 * ```
 */
export const huber = (options: HuberOptions = {}): Huber => new Huber(options);
