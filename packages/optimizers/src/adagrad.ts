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
import { checkEpsilon, checkOptions } from './validation.js';

/** Options of {@link Adagrad}. */
export interface AdagradOptions extends BaseOptimizerOptions {
  /** A number or a schedule. Default 0.001. */
  learningRate?: number | LearningRateSchedule;
  /** The starting value of the accumulators, at least 0. Default 0.1. */
  initialAccumulatorValue?: number;
  /** Added to the accumulator under the square root, at least 0. Default 1e-7. */
  epsilon?: number;
}

const OWNER = 'Adagrad';
const OPTION_NAMES = [...BASE_OPTION_NAMES, 'initialAccumulatorValue', 'epsilon'];
const CONFIG_KEYS = { ...BASE_CONFIG_KEYS, initial_accumulator_value: 'initialAccumulatorValue', epsilon: 'epsilon' };

/**
 * Adagrad, as Keras 3's: the accumulator starts at `initialAccumulatorValue`, then
 * `a += g²` and `w -= lr * g / sqrt(a + epsilon)` (epsilon inside the square root; PyTorch adds it
 * outside).
 *
 * @example
 * ```ts
 * model.compile({ optimizer: new Adagrad({ learningRate: 0.01 }), loss: 'mse' });
 * ```
 */
export class Adagrad extends BaseOptimizer {
  /** The starting value of the accumulators. */
  readonly initialAccumulatorValue: number;
  /** Added under the square root. */
  readonly epsilon: number;

  constructor(options?: AdagradOptions) {
    const opts = checkOptions(OWNER, options, OPTION_NAMES);
    super(OWNER, opts, { learningRate: 0.001, name: 'adagrad' });
    this.initialAccumulatorValue = checkNumber(OWNER, 'initialAccumulatorValue', opts.initialAccumulatorValue ?? 0.1, { min: 0 });
    this.epsilon = checkEpsilon(OWNER, opts.epsilon ?? 1e-7);
  }

  /** Rebuilds an Adagrad from its (Keras) config; `customSchedules` resolves your own learning rate schedule classes. */
  static fromConfig(config: ConfigDict, customSchedules?: CustomSchedules): Adagrad {
    return new Adagrad(configToOptions(OWNER, config, CONFIG_KEYS, customSchedules) as AdagradOptions);
  }

  protected slotNames(): readonly string[] {
    return ['accumulator'];
  }

  protected override initialSlotValue(slotName: string, variable: Variable): Tensor {
    return slotName === 'accumulator' ? tf.fill(variable.shape, this.initialAccumulatorValue, variable.dtype) : super.initialSlotValue(slotName, variable);
  }

  protected updateStep(gradient: Tensor, variable: Variable, learningRate: number): void {
    const accumulator = this.getSlot(variable, 'accumulator');
    const newAccumulator = tf.add(accumulator, tf.square(gradient));
    accumulator.assign(newAccumulator);
    variable.assign(tf.sub(variable, tf.div(tf.mul(gradient, learningRate), tf.sqrt(tf.add(newAccumulator, this.epsilon)))));
  }

  /** The Keras config: the base optimizer's keys and this optimizer's own. */
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), initial_accumulator_value: this.initialAccumulatorValue, epsilon: this.epsilon };
  }
}

/**
 * Creates an {@link Adagrad} optimizer (defaults: learningRate 0.001, initialAccumulatorValue 0.1,
 * epsilon 1e-7).
 *
 * @example
 * ```ts
 * const optimizer = adagrad({ learningRate: 0.05 });
 * ```
 */
export function adagrad(options?: AdagradOptions): Adagrad {
  return new Adagrad(options);
}
