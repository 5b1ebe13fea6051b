import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import type { ConfigDict } from '@layerwise/core';
import { BASE_CONFIG_KEYS, BASE_OPTION_NAMES } from './base-options.js';
import type { BaseOptimizerOptions } from './base-options.js';
import { BaseOptimizer } from './base-optimizer.js';
import { configToOptions } from './config.js';
import type { LearningRateSchedule } from './schedules/learning-rate-schedule.js';
import type { CustomSchedules } from './schedules/serialization.js';
import { checkBoolean, checkDecay, checkOptions } from './validation.js';

/** Options of {@link SGD}. */
export interface SGDOptions extends BaseOptimizerOptions {
  /** A number or a schedule. Default 0.01. */
  learningRate?: number | LearningRateSchedule;
  /** Accelerates descent in the relevant direction, in `[0, 1)`; 0 is plain gradient descent. Default 0. */
  momentum?: number;
  /** Whether to apply Nesterov momentum. Default false. */
  nesterov?: boolean;
}

const OPTION_NAMES = [...BASE_OPTION_NAMES, 'momentum', 'nesterov'];
const CONFIG_KEYS = { ...BASE_CONFIG_KEYS, momentum: 'momentum', nesterov: 'nesterov' };

/**
 * Gradient descent with optional (Nesterov) momentum, as Keras 3's `SGD`:
 * without momentum `w -= lr * g`; with it `m = momentum * m - lr * g`, then `w += m`, or with
 * Nesterov `w += momentum * m - lr * g`.
 *
 * @example
 * ```ts
 * model.compile({ optimizer: new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true }), loss: 'mse' });
 * ```
 */
export class SGD extends BaseOptimizer {
  /** The momentum factor, in `[0, 1)`. */
  readonly momentum: number;
  /** Whether Nesterov momentum is applied. */
  readonly nesterov: boolean;

  constructor(options?: SGDOptions) {
    const opts = checkOptions('SGD', options, OPTION_NAMES);
    super('SGD', opts, { learningRate: 0.01, name: 'SGD' });
    this.momentum = checkDecay('SGD', 'momentum', opts.momentum ?? 0);
    this.nesterov = checkBoolean('SGD', 'nesterov', opts.nesterov ?? false);
  }

  /** Rebuilds an SGD from its (Keras) config; `customSchedules` resolves your own learning rate schedule classes. */
  static fromConfig(config: ConfigDict, customSchedules?: CustomSchedules): SGD {
    return new SGD(configToOptions('SGD', config, CONFIG_KEYS, customSchedules) as SGDOptions);
  }

  protected slotNames(): readonly string[] {
    return this.momentum === 0 ? [] : ['momentum'];
  }

  protected updateStep(gradient: Tensor, variable: Variable, learningRate: number): void {
    const step = tf.mul(gradient, learningRate);
    if (this.momentum === 0) {
      variable.assign(tf.sub(variable, step));
      return;
    }
    const m = this.getSlot(variable, 'momentum');
    const newM = tf.sub(tf.mul(m, this.momentum), step);
    m.assign(newM);
    variable.assign(tf.add(variable, this.nesterov ? tf.sub(tf.mul(newM, this.momentum), step) : newM));
  }

  /** The Keras config: the base optimizer's keys and this optimizer's own. */
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), momentum: this.momentum, nesterov: this.nesterov };
  }
}

/**
 * Creates an {@link SGD} optimizer (defaults: learningRate 0.01, momentum 0, nesterov false).
 *
 * @example
 * ```ts
 * const optimizer = sgd({ learningRate: 0.1, momentum: 0.9 });
 * ```
 */
export function sgd(options?: SGDOptions): SGD {
  return new SGD(options);
}
