import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import type { ConfigDict } from '@layerwise/core';
import { BASE_CONFIG_KEYS, BASE_OPTION_NAMES } from './base-options.js';
import type { BaseOptimizerOptions } from './base-options.js';
import { BaseOptimizer } from './base-optimizer.js';
import { configToOptions } from './config.js';
import type { LearningRateSchedule } from './schedules/learning-rate-schedule.js';
import type { CustomSchedules } from './schedules/serialization.js';
import { checkBoolean, checkDecay, checkEpsilon, checkOptions } from './validation.js';

/** Options of {@link RMSprop}. */
export interface RMSpropOptions extends BaseOptimizerOptions {
  /** A number or a schedule. Default 0.001. */
  learningRate?: number | LearningRateSchedule;
  /** Discount factor of the moving average of squared gradients, in `[0, 1)`. Default 0.9. */
  rho?: number;
  /** Momentum of the update, in `[0, 1)`; 0 for none. Default 0. */
  momentum?: number;
  /** Added to the moving average under the square root, at least 0. Default 1e-7. */
  epsilon?: number;
  /** Whether to normalise by the estimated variance of the gradient instead of its second moment. Default false. */
  centered?: boolean;
}

const OPTION_NAMES = [...BASE_OPTION_NAMES, 'rho', 'momentum', 'epsilon', 'centered'];
const CONFIG_KEYS = { ...BASE_CONFIG_KEYS, rho: 'rho', momentum: 'momentum', epsilon: 'epsilon', centered: 'centered' };

/**
 * RMSprop, as Keras 3's: `v = rho * v + (1 - rho) * g²`; centered, also `a = rho * a + (1 - rho) * g`
 * and the denominator `v - a² + epsilon`, else `v + epsilon`; the increment `lr * g / sqrt(denominator)`
 * is subtracted directly, or through the momentum `m = momentum * m + increment`.
 * Note epsilon sits inside the square root (PyTorch adds it outside).
 *
 * @example
 * ```ts
 * model.compile({ optimizer: new RMSprop({ learningRate: 0.001, centered: true }), loss: 'mse' });
 * ```
 */
export class RMSprop extends BaseOptimizer {
  /** Discount factor of the squared-gradient average, in `[0, 1)`. */
  readonly rho: number;
  /** The momentum factor, in `[0, 1)`; 0 for none. */
  readonly momentum: number;
  /** Added under the square root. */
  readonly epsilon: number;
  /** Whether gradients are normalised by their estimated variance. */
  readonly centered: boolean;

  constructor(options?: RMSpropOptions) {
    const opts = checkOptions('RMSprop', options, OPTION_NAMES);
    super('RMSprop', opts, { learningRate: 0.001, name: 'rmsprop' });
    this.rho = checkDecay('RMSprop', 'rho', opts.rho ?? 0.9);
    this.momentum = checkDecay('RMSprop', 'momentum', opts.momentum ?? 0);
    this.epsilon = checkEpsilon('RMSprop', opts.epsilon ?? 1e-7);
    this.centered = checkBoolean('RMSprop', 'centered', opts.centered ?? false);
  }

  /** Rebuilds an RMSprop from its (Keras) config; `customSchedules` resolves your own learning rate schedule classes. */
  static fromConfig(config: ConfigDict, customSchedules?: CustomSchedules): RMSprop {
    return new RMSprop(configToOptions('RMSprop', config, CONFIG_KEYS, customSchedules) as RMSpropOptions);
  }

  protected slotNames(): readonly string[] {
    return ['velocity', ...(this.momentum > 0 ? ['momentum'] : []), ...(this.centered ? ['average_gradient'] : [])];
  }

  protected updateStep(gradient: Tensor, variable: Variable, learningRate: number): void {
    const { rho } = this;
    const velocity = this.getSlot(variable, 'velocity');
    const newVelocity = tf.add(tf.mul(velocity, rho), tf.mul(tf.square(gradient), 1 - rho));
    velocity.assign(newVelocity);
    let denominator: Tensor;
    if (this.centered) {
      const averageGradient = this.getSlot(variable, 'average_gradient');
      const newAverage = tf.add(tf.mul(averageGradient, rho), tf.mul(gradient, 1 - rho));
      averageGradient.assign(newAverage);
      denominator = tf.add(tf.sub(newVelocity, tf.square(newAverage)), this.epsilon);
    } else {
      denominator = tf.add(newVelocity, this.epsilon);
    }
    const increment = tf.div(tf.mul(gradient, learningRate), tf.sqrt(denominator));
    if (this.momentum > 0) {
      const momentum = this.getSlot(variable, 'momentum');
      const newMomentum = tf.add(tf.mul(momentum, this.momentum), increment);
      momentum.assign(newMomentum);
      variable.assign(tf.sub(variable, newMomentum));
    } else {
      variable.assign(tf.sub(variable, increment));
    }
  }

  /** The Keras config: the base optimizer's keys and this optimizer's own. */
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), rho: this.rho, momentum: this.momentum, epsilon: this.epsilon, centered: this.centered };
  }
}

/**
 * Creates an {@link RMSprop} optimizer (defaults: learningRate 0.001, rho 0.9, momentum 0,
 * epsilon 1e-7, centered false).
 *
 * @example
 * ```ts
 * model.compile({ optimizer: rmsprop({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy' });
 * ```
 */
export function rmsprop(options?: RMSpropOptions): RMSprop {
  return new RMSprop(options);
}
