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
import { checkOptions } from './validation.js';

/** Options of {@link Ftrl}. */
export interface FtrlOptions extends BaseOptimizerOptions {
  /** A number or a schedule. Default 0.001. */
  learningRate?: number | LearningRateSchedule;
  /** How the per-element rate falls as the accumulator grows, at most 0 (0 for a fixed rate). Default -0.5. */
  learningRatePower?: number;
  /** The starting value of the accumulators, at least 0. Default 0.1. */
  initialAccumulatorValue?: number;
  /** L1 regularisation strength (`lambda_1`), at least 0. Default 0. */
  l1RegularizationStrength?: number;
  /** L2 (stabilisation) regularisation strength (`lambda_2`), at least 0. Default 0. */
  l2RegularizationStrength?: number;
  /** L2 shrinkage: adds `2 * strength * w` to the gradient (a magnitude penalty), at least 0. Default 0. */
  l2ShrinkageRegularizationStrength?: number;
  /** The paper's `beta`, at least 0: adds `beta / (2 * lr)` to the L2 strength. Default 0. */
  beta?: number;
}

const OWNER = 'Ftrl';
const OPTION_NAMES = [
  ...BASE_OPTION_NAMES,
  'learningRatePower',
  'initialAccumulatorValue',
  'l1RegularizationStrength',
  'l2RegularizationStrength',
  'l2ShrinkageRegularizationStrength',
  'beta',
];
const CONFIG_KEYS = {
  ...BASE_CONFIG_KEYS,
  learning_rate_power: 'learningRatePower',
  initial_accumulator_value: 'initialAccumulatorValue',
  l1_regularization_strength: 'l1RegularizationStrength',
  l2_regularization_strength: 'l2RegularizationStrength',
  l2_shrinkage_regularization_strength: 'l2ShrinkageRegularizationStrength',
  beta: 'beta',
};

const nonNegative = (argument: string, value: unknown) => checkNumber(OWNER, argument, value, { min: 0 });

/**
 * FTRL-Proximal (McMahan et al., 2013), as Keras 3's. With `p = -learningRatePower`,
 * `λ2 = l2 + beta / (2 * lr)` and `g' = g + 2 * l2Shrinkage * w`: `n' = n + g²`,
 * `z += g' - (n'^p - n^p) / lr * w`, then `w = (clip(z, -l1, l1) - z) / (n'^p / lr + 2 * λ2)` (0
 * where `|z| <= l1`) and `n = n'`. The accumulator `n` starts at `initialAccumulatorValue`.
 *
 * @example
 * ```ts
 * model.compile({ optimizer: new Ftrl({ learningRate: 0.05, l1RegularizationStrength: 0.001 }), loss: 'binaryCrossentropy' });
 * ```
 */
export class Ftrl extends BaseOptimizer {
  /** How the per-element rate falls as the accumulator grows (at most 0). */
  readonly learningRatePower: number;
  /** The starting value of the accumulators. */
  readonly initialAccumulatorValue: number;
  /** L1 regularisation strength. */
  readonly l1RegularizationStrength: number;
  /** L2 (stabilisation) regularisation strength. */
  readonly l2RegularizationStrength: number;
  /** L2 shrinkage regularisation strength. */
  readonly l2ShrinkageRegularizationStrength: number;
  /** The paper's `beta`. */
  readonly beta: number;

  constructor(options?: FtrlOptions) {
    const opts = checkOptions(OWNER, options, OPTION_NAMES);
    super(OWNER, opts, { learningRate: 0.001, name: 'ftrl' });
    this.learningRatePower = checkNumber(OWNER, 'learningRatePower', opts.learningRatePower ?? -0.5, { max: 0 });
    this.initialAccumulatorValue = nonNegative('initialAccumulatorValue', opts.initialAccumulatorValue ?? 0.1);
    this.l1RegularizationStrength = nonNegative('l1RegularizationStrength', opts.l1RegularizationStrength ?? 0);
    this.l2RegularizationStrength = nonNegative('l2RegularizationStrength', opts.l2RegularizationStrength ?? 0);
    this.l2ShrinkageRegularizationStrength = nonNegative('l2ShrinkageRegularizationStrength', opts.l2ShrinkageRegularizationStrength ?? 0);
    this.beta = nonNegative('beta', opts.beta ?? 0);
  }

  /** Rebuilds an Ftrl from its (Keras) config; `customSchedules` resolves your own learning rate schedule classes. */
  static fromConfig(config: ConfigDict, customSchedules?: CustomSchedules): Ftrl {
    return new Ftrl(configToOptions(OWNER, config, CONFIG_KEYS, customSchedules) as FtrlOptions);
  }

  protected slotNames(): readonly string[] {
    return ['accumulator', 'linear'];
  }

  protected override initialSlotValue(slotName: string, variable: Variable): Tensor {
    return slotName === 'accumulator' ? tf.fill(variable.shape, this.initialAccumulatorValue, variable.dtype) : super.initialSlotValue(slotName, variable);
  }

  protected updateStep(gradient: Tensor, variable: Variable, learningRate: number): void {
    const power = -this.learningRatePower;
    const l1 = this.l1RegularizationStrength;
    const l2 = this.l2RegularizationStrength + this.beta / (2 * learningRate);
    const accumulator = this.getSlot(variable, 'accumulator');
    const linear = this.getSlot(variable, 'linear');
    const gradientToUse = tf.add(gradient, tf.mul(variable, 2 * this.l2ShrinkageRegularizationStrength));
    const newAccumulator = tf.add(accumulator, tf.square(gradient));
    const newAccumulatorPower = tf.pow(newAccumulator, power);
    const sigma = tf.div(tf.sub(newAccumulatorPower, tf.pow(accumulator, power)), learningRate);
    const newLinear = tf.add(linear, tf.sub(gradientToUse, tf.mul(sigma, variable)));
    linear.assign(newLinear);
    const quadratic = tf.add(tf.div(newAccumulatorPower, learningRate), 2 * l2);
    variable.assign(tf.div(tf.sub(tf.clipByValue(newLinear, -l1, l1), newLinear), quadratic));
    accumulator.assign(newAccumulator);
  }

  /** The Keras config: the base optimizer's keys and this optimizer's own. */
  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      learning_rate_power: this.learningRatePower,
      initial_accumulator_value: this.initialAccumulatorValue,
      l1_regularization_strength: this.l1RegularizationStrength,
      l2_regularization_strength: this.l2RegularizationStrength,
      l2_shrinkage_regularization_strength: this.l2ShrinkageRegularizationStrength,
      beta: this.beta,
    };
  }
}

/**
 * Creates an {@link Ftrl} optimizer (defaults: learningRate 0.001, learningRatePower -0.5,
 * initialAccumulatorValue 0.1, no regularisation, beta 0).
 *
 * @example
 * ```ts
 * const optimizer = ftrl({ learningRate: 0.05, l2RegularizationStrength: 0.01 });
 * ```
 */
export function ftrl(options?: FtrlOptions): Ftrl {
  return new Ftrl(options);
}
