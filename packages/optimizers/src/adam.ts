import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import type { ConfigDict } from '@layerwise/core';
import { BASE_CONFIG_KEYS, BASE_OPTION_NAMES } from './base-options.js';
import type { BaseOptimizerOptions } from './base-options.js';
import { BaseOptimizer } from './base-optimizer.js';
import type { BaseOptimizerDefaults } from './base-optimizer.js';
import { configToOptions } from './config.js';
import type { LearningRateSchedule } from './schedules/learning-rate-schedule.js';
import type { CustomSchedules } from './schedules/serialization.js';
import { checkBoolean, checkDecay, checkEpsilon, checkOptions } from './validation.js';

/** Options of {@link Adam}. */
export interface AdamOptions extends BaseOptimizerOptions {
  /** A number or a schedule. Default 0.001. */
  learningRate?: number | LearningRateSchedule;
  /** Decay of the first-moment (mean) estimate, in `[0, 1)`. Default 0.9. */
  beta1?: number;
  /** Decay of the second-moment (uncentered variance) estimate, in `[0, 1)`. Default 0.999. */
  beta2?: number;
  /** Added to `sqrt(v)` in the denominator ("epsilon hat"), at least 0. Default 1e-7. */
  epsilon?: number;
  /** Whether to use the AMSGrad variant (the running maximum of `v`). Default false. */
  amsgrad?: boolean;
}

const OPTION_NAMES = [...BASE_OPTION_NAMES, 'beta1', 'beta2', 'epsilon', 'amsgrad'];
/** Adam's Keras config keys (AdamW's too). */
export const ADAM_CONFIG_KEYS = { ...BASE_CONFIG_KEYS, beta_1: 'beta1', beta_2: 'beta2', epsilon: 'epsilon', amsgrad: 'amsgrad' };

/**
 * Adam, as Keras 3's: at step `t`, `alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t)`,
 * `m += (g - m) * (1 - beta1)`, `v += (g² - v) * (1 - beta2)` (AMSGrad: `v̂ = max(v̂, v)` used for
 * `v`), and `w -= alpha * m / (sqrt(v) + epsilon)`. Epsilon is not bias-corrected (PyTorch's is).
 *
 * @example
 * ```ts
 * model.compile({ optimizer: new Adam({ learningRate: 0.001, amsgrad: true }), loss: 'mse' });
 * ```
 */
export class Adam extends BaseOptimizer {
  /** The class name and defaults a constructor call uses: {@link AdamW} overrides them. */
  protected static readonly defaults: BaseOptimizerDefaults & { readonly className: string } = { className: 'Adam', learningRate: 0.001, name: 'adam' };
  /** Decay of the first-moment estimate, in `[0, 1)`. */
  readonly beta1: number;
  /** Decay of the second-moment estimate, in `[0, 1)`. */
  readonly beta2: number;
  /** Added to `sqrt(v)` in the denominator. */
  readonly epsilon: number;
  /** Whether the AMSGrad variant is used. */
  readonly amsgrad: boolean;

  constructor(options?: AdamOptions) {
    const { className, ...defaults } = (new.target as typeof Adam).defaults;
    const opts = checkOptions(className, options, OPTION_NAMES);
    super(className, opts, defaults);
    this.beta1 = checkDecay(className, 'beta1', opts.beta1 ?? 0.9);
    this.beta2 = checkDecay(className, 'beta2', opts.beta2 ?? 0.999);
    this.epsilon = checkEpsilon(className, opts.epsilon ?? 1e-7);
    this.amsgrad = checkBoolean(className, 'amsgrad', opts.amsgrad ?? false);
  }

  /** Rebuilds an Adam from its (Keras) config; `customSchedules` resolves your own learning rate schedule classes. */
  static fromConfig(config: ConfigDict, customSchedules?: CustomSchedules): Adam {
    return new Adam(configToOptions('Adam', config, ADAM_CONFIG_KEYS, customSchedules) as AdamOptions);
  }

  protected slotNames(): readonly string[] {
    return ['momentum', 'velocity', ...(this.amsgrad ? ['velocity_hat'] : [])];
  }

  protected updateStep(gradient: Tensor, variable: Variable, learningRate: number): void {
    const { beta1, beta2 } = this;
    const t = this.iterations + 1;
    const alpha = (learningRate * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
    const m = this.getSlot(variable, 'momentum');
    const v = this.getSlot(variable, 'velocity');
    const newM = tf.add(m, tf.mul(tf.sub(gradient, m), 1 - beta1));
    let newV = tf.add(v, tf.mul(tf.sub(tf.square(gradient), v), 1 - beta2));
    m.assign(newM);
    v.assign(newV);
    if (this.amsgrad) {
      const vHat = this.getSlot(variable, 'velocity_hat');
      newV = tf.maximum(vHat, newV);
      vHat.assign(newV);
    }
    variable.assign(tf.sub(variable, tf.div(tf.mul(newM, alpha), tf.add(tf.sqrt(newV), this.epsilon))));
  }

  /** The Keras config: the base optimizer's keys and this optimizer's own. */
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), beta_1: this.beta1, beta_2: this.beta2, epsilon: this.epsilon, amsgrad: this.amsgrad };
  }
}

/**
 * Creates an {@link Adam} optimizer (defaults: learningRate 0.001, beta1 0.9, beta2 0.999,
 * epsilon 1e-7, amsgrad false).
 *
 * @example
 * ```ts
 * model.compile({ optimizer: adam({ learningRate: 3e-4 }), loss: 'categoricalCrossentropy' });
 * ```
 */
export function adam(options?: AdamOptions): Adam {
  return new Adam(options);
}
