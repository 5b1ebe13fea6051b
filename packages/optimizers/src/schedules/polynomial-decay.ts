import type { ConfigDict } from '@layerwise/core';
import { mapConfigKeys } from '../config-keys.js';
import { checkBoolean, checkOptions } from '../validation.js';
import { checkRate, checkScheduleName, checkSteps } from './check.js';
import { LearningRateSchedule } from './learning-rate-schedule.js';

/** Options of {@link PolynomialDecay}. */
export interface PolynomialDecayOptions {
  /** The learning rate at step 0, at least 0. */
  initialLearningRate: number;
  /** The number of steps to reach `endLearningRate`, greater than 0. */
  decaySteps: number;
  /** The rate reached after `decaySteps`, at least 0. Default 0.0001. */
  endLearningRate?: number;
  /** The power of the polynomial, at least 0. Default 1 (linear). */
  power?: number;
  /** Whether to start again after `decaySteps`, over the next multiple of it. Default false. */
  cycle?: boolean;
  /** Keras' `name`. Default `'PolynomialDecay'`. */
  name?: string | null;
}

const OWNER = 'PolynomialDecay';
const OPTION_NAMES = ['initialLearningRate', 'decaySteps', 'endLearningRate', 'power', 'cycle', 'name'];
const CONFIG_KEYS = {
  initial_learning_rate: 'initialLearningRate',
  decay_steps: 'decaySteps',
  end_learning_rate: 'endLearningRate',
  power: 'power',
  cycle: 'cycle',
  name: 'name',
};

/**
 * Keras 3's `PolynomialDecay`: `(initial - end) * (1 - step / decaySteps) ^ power + end`, with
 * `step` capped at `decaySteps`; with `cycle`, `decaySteps` is instead multiplied by
 * `ceil(step / decaySteps)` (1 at step 0), so the decay restarts from `initial` each cycle.
 *
 * @example
 * ```ts
 * // From 0.1 to 0.01 over 10000 steps along a square root.
 * const schedule = new PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 10000, endLearningRate: 0.01, power: 0.5 });
 * ```
 */
export class PolynomialDecay extends LearningRateSchedule {
  /** Keras' class name. */
  readonly className = 'PolynomialDecay';
  /** The learning rate at step 0. */
  readonly initialLearningRate: number;
  /** The number of steps of one decay. */
  readonly decaySteps: number;
  /** The rate reached at the end of a decay. */
  readonly endLearningRate: number;
  /** The power of the polynomial. */
  readonly power: number;
  /** Whether the decay restarts every `decaySteps` multiple. */
  readonly cycle: boolean;
  /** Keras' `name`. */
  readonly name: string | null;

  constructor(options: PolynomialDecayOptions) {
    super();
    const opts = checkOptions(OWNER, options, OPTION_NAMES);
    this.initialLearningRate = checkRate(OWNER, 'initialLearningRate', opts.initialLearningRate);
    this.decaySteps = checkSteps(OWNER, 'decaySteps', opts.decaySteps);
    this.endLearningRate = checkRate(OWNER, 'endLearningRate', opts.endLearningRate ?? 0.0001);
    this.power = checkRate(OWNER, 'power', opts.power ?? 1);
    this.cycle = checkBoolean(OWNER, 'cycle', opts.cycle ?? false);
    this.name = checkScheduleName(OWNER, opts.name === undefined ? 'PolynomialDecay' : opts.name);
  }

  /** Rebuilds a PolynomialDecay from its Keras config. */
  static fromConfig(config: ConfigDict): PolynomialDecay {
    return new PolynomialDecay(mapConfigKeys(OWNER, config, CONFIG_KEYS) as unknown as PolynomialDecayOptions);
  }

  /** The learning rate at `step`. */
  call(step: number): number {
    let decaySteps = this.decaySteps;
    let s = step;
    if (this.cycle) decaySteps *= step === 0 ? 1 : Math.ceil(step / this.decaySteps);
    else s = Math.min(step, decaySteps);
    const p = s / decaySteps;
    return (this.initialLearningRate - this.endLearningRate) * (1 - p) ** this.power + this.endLearningRate;
  }

  /** The Keras config: `initial_learning_rate`, `decay_steps`, `end_learning_rate`, `power`, `cycle`, `name`. */
  getConfig(): ConfigDict {
    return {
      initial_learning_rate: this.initialLearningRate,
      decay_steps: this.decaySteps,
      end_learning_rate: this.endLearningRate,
      power: this.power,
      cycle: this.cycle,
      name: this.name,
    };
  }
}
