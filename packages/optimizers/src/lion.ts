import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import type { ConfigDict } from '@layerwise/core';
import { checkNumber } from '@layerwise/core';
import { BASE_CONFIG_KEYS, BASE_OPTION_NAMES } from './base-options.js';
import type { BaseOptimizerOptions } from './base-options.js';
import { BaseOptimizer } from './base-optimizer.js';
import { configToOptions } from './config.js';
import type { LearningRateSchedule } from './schedules/learning-rate-schedule.js';
import type { CustomSchedules } from './schedules/serialization.js';
import { checkDecay, checkOptions } from './validation.js';

/** Options of {@link Lion}. */
export interface LionOptions extends BaseOptimizerOptions {
  /** A number or a schedule (typically 3-10x smaller than AdamW's). Default 0.001. */
  learningRate?: number | LearningRateSchedule;
  /** How much of the momentum (versus the gradient) the update's sign follows, in `(0, 1]`. Default 0.9. */
  beta1?: number;
  /** Decay of the momentum, in `[0, 1)`. Default 0.99. */
  beta2?: number;
}

const OWNER = 'Lion';
const OPTION_NAMES = [...BASE_OPTION_NAMES, 'beta1', 'beta2'];
const CONFIG_KEYS = { ...BASE_CONFIG_KEYS, beta_1: 'beta1', beta_2: 'beta2' };

/**
 * Lion (Chen et al., 2023), as Keras 3's: `w -= lr * sign(beta1 * m + (1 - beta1) * g)`, then
 * `m = beta2 * m + (1 - beta2) * g`. Every element moves by exactly `lr` (or not at all).
 *
 * @example
 * ```ts
 * model.compile({ optimizer: new Lion({ learningRate: 1e-4, weightDecay: 0.1 }), loss: 'mse' });
 * ```
 */
export class Lion extends BaseOptimizer {
  /** How much of the momentum the update's sign follows. */
  readonly beta1: number;
  /** Decay of the momentum. */
  readonly beta2: number;

  constructor(options?: LionOptions) {
    const opts = checkOptions(OWNER, options, OPTION_NAMES);
    super(OWNER, opts, { learningRate: 0.001, name: 'lion' });
    // beta1 = 0 would make Lion SignSGD, which Keras rejects.
    this.beta1 = checkNumber(OWNER, 'beta1', opts.beta1 ?? 0.9, { min: 0, minExclusive: true, max: 1 });
    this.beta2 = checkDecay(OWNER, 'beta2', opts.beta2 ?? 0.99);
  }

  /** Rebuilds a Lion from its (Keras) config; `customSchedules` resolves your own learning rate schedule classes. */
  static fromConfig(config: ConfigDict, customSchedules?: CustomSchedules): Lion {
    return new Lion(configToOptions(OWNER, config, CONFIG_KEYS, customSchedules) as LionOptions);
  }

  protected slotNames(): readonly string[] {
    return ['momentum'];
  }

  protected updateStep(gradient: Tensor, variable: Variable, learningRate: number): void {
    const { beta1, beta2 } = this;
    const m = this.getSlot(variable, 'momentum');
    const direction = tf.sign(tf.add(tf.mul(m, beta1), tf.mul(gradient, 1 - beta1)));
    variable.assign(tf.sub(variable, tf.mul(direction, learningRate)));
    m.assign(tf.add(tf.mul(m, beta2), tf.mul(gradient, 1 - beta2)));
  }

  /** The Keras config: the base optimizer's keys and this optimizer's own. */
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), beta_1: this.beta1, beta_2: this.beta2 };
  }
}

/**
 * Creates a {@link Lion} optimizer (defaults: learningRate 0.001, beta1 0.9, beta2 0.99).
 *
 * @example
 * ```ts
 * const optimizer = lion({ learningRate: 3e-4 });
 * ```
 */
export function lion(options?: LionOptions): Lion {
  return new Lion(options);
}
