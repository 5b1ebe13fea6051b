import type { ConfigDict } from '@layerwise/core';
import { mapConfigKeys } from '../config-keys.js';
import { checkBoolean, checkOptions } from '../validation.js';
import { checkRate, checkScheduleName, checkSteps } from './check.js';
import { LearningRateSchedule } from './learning-rate-schedule.js';

/** Options of {@link ExponentialDecay}. */
export interface ExponentialDecayOptions {
  /** The learning rate at step 0, at least 0. */
  initialLearningRate: number;
  /** The number of steps over which the rate is multiplied by `decayRate`, greater than 0. */
  decaySteps: number;
  /** The factor applied every `decaySteps` steps, at least 0. */
  decayRate: number;
  /** Whether `step / decaySteps` is rounded down, so the rate drops in stairs. Default false. */
  staircase?: boolean;
  /** Keras' `name`. Default `'ExponentialDecay'`. */
  name?: string | null;
}

const OWNER = 'ExponentialDecay';
const OPTION_NAMES = ['initialLearningRate', 'decaySteps', 'decayRate', 'staircase', 'name'];
const CONFIG_KEYS = { initial_learning_rate: 'initialLearningRate', decay_steps: 'decaySteps', decay_rate: 'decayRate', staircase: 'staircase', name: 'name' };

/**
 * Keras 3's `ExponentialDecay`: `initialLearningRate * decayRate ^ (step / decaySteps)`, the
 * exponent rounded down with `staircase`.
 *
 * @example
 * ```ts
 * // 0.1, then times 0.96 every 1000 steps.
 * const optimizer = sgd({ learningRate: new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 1000, decayRate: 0.96, staircase: true }) });
 * ```
 */
export class ExponentialDecay extends LearningRateSchedule {
  /** Keras' class name. */
  readonly className = 'ExponentialDecay';
  /** The learning rate at step 0. */
  readonly initialLearningRate: number;
  /** The number of steps per factor of `decayRate`. */
  readonly decaySteps: number;
  /** The factor per `decaySteps` steps. */
  readonly decayRate: number;
  /** Whether the exponent is rounded down. */
  readonly staircase: boolean;
  /** Keras' `name`. */
  readonly name: string | null;

  constructor(options: ExponentialDecayOptions) {
    super();
    const opts = checkOptions(OWNER, options, OPTION_NAMES);
    this.initialLearningRate = checkRate(OWNER, 'initialLearningRate', opts.initialLearningRate);
    this.decaySteps = checkSteps(OWNER, 'decaySteps', opts.decaySteps);
    this.decayRate = checkRate(OWNER, 'decayRate', opts.decayRate);
    this.staircase = checkBoolean(OWNER, 'staircase', opts.staircase ?? false);
    this.name = checkScheduleName(OWNER, opts.name === undefined ? 'ExponentialDecay' : opts.name);
  }

  /** Rebuilds an ExponentialDecay from its Keras config. */
  static fromConfig(config: ConfigDict): ExponentialDecay {
    return new ExponentialDecay(mapConfigKeys(OWNER, config, CONFIG_KEYS) as unknown as ExponentialDecayOptions);
  }

  /** The learning rate at `step`. */
  call(step: number): number {
    const p = step / this.decaySteps;
    return this.initialLearningRate * this.decayRate ** (this.staircase ? Math.floor(p) : p);
  }

  /** The Keras config: `initial_learning_rate`, `decay_steps`, `decay_rate`, `staircase`, `name`. */
  getConfig(): ConfigDict {
    return {
      initial_learning_rate: this.initialLearningRate,
      decay_steps: this.decaySteps,
      decay_rate: this.decayRate,
      staircase: this.staircase,
      name: this.name,
    };
  }
}
