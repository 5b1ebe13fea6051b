import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import type { ConfigDict } from '@layerwise/core';
import { BASE_CONFIG_KEYS, BASE_OPTION_NAMES } from './base-options.js';
import type { BaseOptimizerOptions } from './base-options.js';
import { BaseOptimizer } from './base-optimizer.js';
import { configToOptions } from './config.js';
import type { LearningRateSchedule } from './schedules/learning-rate-schedule.js';
import type { CustomSchedules } from './schedules/serialization.js';
import { checkDecay, checkEpsilon, checkOptions } from './validation.js';

/** Options of {@link Adadelta}. */
export interface AdadeltaOptions extends BaseOptimizerOptions {
  /** A number or a schedule (1 for the original paper's form). Default 0.001. */
  learningRate?: number | LearningRateSchedule;
  /** The decay rate of both moving averages, in `[0, 1)`. Default 0.95. */
  rho?: number;
  /** Added under both square roots, at least 0. Default 1e-7. */
  epsilon?: number;
}

const OWNER = 'Adadelta';
const OPTION_NAMES = [...BASE_OPTION_NAMES, 'rho', 'epsilon'];
const CONFIG_KEYS = { ...BASE_CONFIG_KEYS, rho: 'rho', epsilon: 'epsilon' };

/**
 * Adadelta, as Keras 3's: `E[g²] = rho * E[g²] + (1 - rho) * g²`,
 * `Δ = -sqrt(E[Δ²] + epsilon) * g / sqrt(E[g²] + epsilon)`,
 * `E[Δ²] = rho * E[Δ²] + (1 - rho) * Δ²`, then `w += lr * Δ`.
 *
 * @example
 * ```ts
 * model.compile({ optimizer: new Adadelta({ learningRate: 1 }), loss: 'mse' });
 * ```
 */
export class Adadelta extends BaseOptimizer {
  /** The decay rate of the moving averages. */
  readonly rho: number;
  /** Added under the square roots. */
  readonly epsilon: number;

  constructor(options?: AdadeltaOptions) {
    const opts = checkOptions(OWNER, options, OPTION_NAMES);
    super(OWNER, opts, { learningRate: 0.001, name: 'adadelta' });
    this.rho = checkDecay(OWNER, 'rho', opts.rho ?? 0.95);
    this.epsilon = checkEpsilon(OWNER, opts.epsilon ?? 1e-7);
  }

  /** Rebuilds an Adadelta from its (Keras) config; `customSchedules` resolves your own learning rate schedule classes. */
  static fromConfig(config: ConfigDict, customSchedules?: CustomSchedules): Adadelta {
    return new Adadelta(configToOptions(OWNER, config, CONFIG_KEYS, customSchedules) as AdadeltaOptions);
  }

  protected slotNames(): readonly string[] {
    return ['accumulated_grad', 'accumulated_delta_var'];
  }

  protected updateStep(gradient: Tensor, variable: Variable, learningRate: number): void {
    const { rho, epsilon } = this;
    const rms = (x: Tensor) => tf.sqrt(tf.add(x, epsilon));
    const accumulatedGrad = this.getSlot(variable, 'accumulated_grad');
    const accumulatedDelta = this.getSlot(variable, 'accumulated_delta_var');
    const newAccumulatedGrad = tf.add(tf.mul(accumulatedGrad, rho), tf.mul(tf.square(gradient), 1 - rho));
    accumulatedGrad.assign(newAccumulatedGrad);
    const delta = tf.neg(tf.div(tf.mul(rms(accumulatedDelta), gradient), rms(newAccumulatedGrad)));
    accumulatedDelta.assign(tf.add(tf.mul(accumulatedDelta, rho), tf.mul(tf.square(delta), 1 - rho)));
    variable.assign(tf.add(variable, tf.mul(delta, learningRate)));
  }

  /** The Keras config: the base optimizer's keys and this optimizer's own. */
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), rho: this.rho, epsilon: this.epsilon };
  }
}

/**
 * Creates an {@link Adadelta} optimizer (defaults: learningRate 0.001, rho 0.95, epsilon 1e-7).
 *
 * @example
 * ```ts
 * const optimizer = adadelta({ learningRate: 1 });
 * ```
 */
export function adadelta(options?: AdadeltaOptions): Adadelta {
  return new Adadelta(options);
}
