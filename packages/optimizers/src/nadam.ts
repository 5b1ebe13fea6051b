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

/** Options of {@link Nadam}. */
export interface NadamOptions extends BaseOptimizerOptions {
  /** A number or a schedule. Default 0.001. */
  learningRate?: number | LearningRateSchedule;
  /** Decay of the first-moment estimate, in `[0, 1)`. Default 0.9. */
  beta1?: number;
  /** Decay of the second-moment estimate, in `[0, 1)`. Default 0.999. */
  beta2?: number;
  /** Added to `sqrt(v̂)` in the denominator, at least 0. Default 1e-7. */
  epsilon?: number;
}

const OWNER = 'Nadam';
const OPTION_NAMES = [...BASE_OPTION_NAMES, 'beta1', 'beta2', 'epsilon'];
const CONFIG_KEYS = { ...BASE_CONFIG_KEYS, beta_1: 'beta1', beta_2: 'beta2', epsilon: 'epsilon' };

/** Dozat's momentum schedule: `u_t = beta1 * (1 - 0.5 * 0.96^t)`. */
const momentumAt = (beta1: number, t: number) => beta1 * (1 - 0.5 * 0.96 ** t);

/**
 * Nadam (Adam with Nesterov momentum), as Keras 3's: with `u_t = beta1 * (1 - 0.5 * 0.96^t)` and
 * `P_t = u_1 * ... * u_t` at step `t`, `m += (g - m) * (1 - beta1)`, `v += (g² - v) * (1 - beta2)`,
 * `m̂ = u_{t+1} * m / (1 - P_t * u_{t+1}) + (1 - u_t) * g / (1 - P_t)`, `v̂ = v / (1 - beta2^t)`, and
 * `w -= lr * m̂ / (sqrt(v̂) + epsilon)`. (PyTorch 1.13's NAdam multiplies `u_t` into `P_{t+1}` twice.)
 *
 * @example
 * ```ts
 * model.compile({ optimizer: new Nadam({ learningRate: 0.002 }), loss: 'mse' });
 * ```
 */
export class Nadam extends BaseOptimizer {
  /** Decay of the first-moment estimate. */
  readonly beta1: number;
  /** Decay of the second-moment estimate. */
  readonly beta2: number;
  /** Added to `sqrt(v̂)`. */
  readonly epsilon: number;
  /** `P_t` for the last `t` computed: a function of the step, multiplied up in Keras' order. */
  private momentumProduct = { t: 0, value: 1 };

  constructor(options?: NadamOptions) {
    const opts = checkOptions(OWNER, options, OPTION_NAMES);
    super(OWNER, opts, { learningRate: 0.001, name: 'nadam' });
    this.beta1 = checkDecay(OWNER, 'beta1', opts.beta1 ?? 0.9);
    this.beta2 = checkDecay(OWNER, 'beta2', opts.beta2 ?? 0.999);
    this.epsilon = checkEpsilon(OWNER, opts.epsilon ?? 1e-7);
  }

  /** Rebuilds a Nadam from its (Keras) config; `customSchedules` resolves your own learning rate schedule classes. */
  static fromConfig(config: ConfigDict, customSchedules?: CustomSchedules): Nadam {
    return new Nadam(configToOptions(OWNER, config, CONFIG_KEYS, customSchedules) as NadamOptions);
  }

  protected slotNames(): readonly string[] {
    return ['momentum', 'velocity'];
  }

  /** `P_t = u_1 * ... * u_t` (Keras keeps it in a variable updated once per step; here it follows from `t`). */
  private productUpTo(t: number): number {
    // Multiplying on from the cached step gives the same value as from scratch: the same factors in the same order.
    let { t: from, value } = this.momentumProduct.t <= t ? this.momentumProduct : { t: 0, value: 1 };
    for (let i = from + 1; i <= t; i++) value *= momentumAt(this.beta1, i);
    this.momentumProduct = { t, value };
    return value;
  }

  protected updateStep(gradient: Tensor, variable: Variable, learningRate: number): void {
    const { beta1, beta2 } = this;
    const t = this.iterations + 1;
    const uT = momentumAt(beta1, t);
    const uNext = momentumAt(beta1, t + 1);
    const product = this.productUpTo(t);
    const productNext = product * uNext;
    const m = this.getSlot(variable, 'momentum');
    const v = this.getSlot(variable, 'velocity');
    const newM = tf.add(m, tf.mul(tf.sub(gradient, m), 1 - beta1));
    const newV = tf.add(v, tf.mul(tf.sub(tf.square(gradient), v), 1 - beta2));
    m.assign(newM);
    v.assign(newV);
    const mHat = tf.add(tf.div(tf.mul(newM, uNext), 1 - productNext), tf.div(tf.mul(gradient, 1 - uT), 1 - product));
    const vHat = tf.div(newV, 1 - beta2 ** t);
    variable.assign(tf.sub(variable, tf.div(tf.mul(mHat, learningRate), tf.add(tf.sqrt(vHat), this.epsilon))));
  }

  /** The Keras config: the base optimizer's keys and this optimizer's own. */
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), beta_1: this.beta1, beta_2: this.beta2, epsilon: this.epsilon };
  }
}

/**
 * Creates a {@link Nadam} optimizer (defaults: learningRate 0.001, beta1 0.9, beta2 0.999,
 * epsilon 1e-7).
 *
 * @example
 * ```ts
 * const optimizer = nadam({ learningRate: 0.002 });
 * ```
 */
export function nadam(options?: NadamOptions): Nadam {
  return new Nadam(options);
}
