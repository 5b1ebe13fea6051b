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

/** Options of {@link Adamax}. */
export interface AdamaxOptions extends BaseOptimizerOptions {
  /** A number or a schedule. Default 0.001. */
  learningRate?: number | LearningRateSchedule;
  /** Decay of the first-moment estimate, in `[0, 1)`. Default 0.9. */
  beta1?: number;
  /** Decay of the exponentially weighted infinity norm, in `[0, 1)`. Default 0.999. */
  beta2?: number;
  /** Added to the infinity norm in the denominator, at least 0. Default 1e-7. */
  epsilon?: number;
}

const OWNER = 'Adamax';
const OPTION_NAMES = [...BASE_OPTION_NAMES, 'beta1', 'beta2', 'epsilon'];
const CONFIG_KEYS = { ...BASE_CONFIG_KEYS, beta_1: 'beta1', beta_2: 'beta2', epsilon: 'epsilon' };

/**
 * Adamax, as Keras 3's (Adam with the infinity norm): at step `t`, `m += (g - m) * (1 - beta1)`,
 * `u = max(beta2 * u, |g|)` and `w -= lr * m / ((1 - beta1^t) * (u + epsilon))` (PyTorch puts
 * epsilon inside the maximum instead).
 *
 * @example
 * ```ts
 * model.compile({ optimizer: new Adamax({ learningRate: 0.002 }), loss: 'mse' });
 * ```
 */
export class Adamax extends BaseOptimizer {
  /** Decay of the first-moment estimate. */
  readonly beta1: number;
  /** Decay of the infinity norm. */
  readonly beta2: number;
  /** Added to the infinity norm. */
  readonly epsilon: number;

  constructor(options?: AdamaxOptions) {
    const opts = checkOptions(OWNER, options, OPTION_NAMES);
    super(OWNER, opts, { learningRate: 0.001, name: 'adamax' });
    this.beta1 = checkDecay(OWNER, 'beta1', opts.beta1 ?? 0.9);
    this.beta2 = checkDecay(OWNER, 'beta2', opts.beta2 ?? 0.999);
    this.epsilon = checkEpsilon(OWNER, opts.epsilon ?? 1e-7);
  }

  /** Rebuilds an Adamax from its (Keras) config; `customSchedules` resolves your own learning rate schedule classes. */
  static fromConfig(config: ConfigDict, customSchedules?: CustomSchedules): Adamax {
    return new Adamax(configToOptions(OWNER, config, CONFIG_KEYS, customSchedules) as AdamaxOptions);
  }

  protected slotNames(): readonly string[] {
    return ['momentum', 'norm'];
  }

  protected updateStep(gradient: Tensor, variable: Variable, learningRate: number): void {
    const { beta1, beta2 } = this;
    const beta1Power = beta1 ** (this.iterations + 1);
    const m = this.getSlot(variable, 'momentum');
    const u = this.getSlot(variable, 'norm');
    const newM = tf.add(m, tf.mul(tf.sub(gradient, m), 1 - beta1));
    const newU = tf.maximum(tf.mul(u, beta2), tf.abs(gradient));
    m.assign(newM);
    u.assign(newU);
    variable.assign(tf.sub(variable, tf.div(tf.mul(newM, learningRate), tf.mul(tf.add(newU, this.epsilon), 1 - beta1Power))));
  }

  /** The Keras config: the base optimizer's keys and this optimizer's own. */
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), beta_1: this.beta1, beta_2: this.beta2, epsilon: this.epsilon };
  }
}

/**
 * Creates an {@link Adamax} optimizer (defaults: learningRate 0.001, beta1 0.9, beta2 0.999,
 * epsilon 1e-7).
 *
 * @example
 * ```ts
 * const optimizer = adamax({ learningRate: 0.002 });
 * ```
 */
export function adamax(options?: AdamaxOptions): Adamax {
  return new Adamax(options);
}
