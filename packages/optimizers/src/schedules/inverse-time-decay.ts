import type { ConfigDict } from '@layerwise/core';
import { mapConfigKeys } from '../config-keys.js';
import { checkBoolean, checkOptions } from '../validation.js';
import { checkRate, checkScheduleName, checkSteps } from './check.js';
import { LearningRateSchedule } from './learning-rate-schedule.js';

/** Options of {@link InverseTimeDecay}. */
export interface InverseTimeDecayOptions {
  /** The learning rate at step 0, at least 0. */
  initialLearningRate: number;
  /** The number of steps per unit of decay, greater than 0. */
  decaySteps: number;
  /** How fast the rate decays, at least 0. */
  decayRate: number;
  /** Whether `step / decaySteps` is rounded down. Default false. */
  staircase?: boolean;
  /** Keras' `name`. Default `'InverseTimeDecay'`. */
  name?: string | null;
}

const OWNER = 'InverseTimeDecay';
const OPTION_NAMES = ['initialLearningRate', 'decaySteps', 'decayRate', 'staircase', 'name'];
const CONFIG_KEYS = { initial_learning_rate: 'initialLearningRate', decay_steps: 'decaySteps', decay_rate: 'decayRate', staircase: 'staircase', name: 'name' };

/**
 * Keras 3's `InverseTimeDecay`: `initialLearningRate / (1 + decayRate * step / decaySteps)`,
 * `step / decaySteps` rounded down with `staircase`.
 *
 * @example
 * ```ts
 * const optimizer = sgd({ learningRate: new InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 }) });
 * ```
 */
export class InverseTimeDecay extends LearningRateSchedule {
  /** Keras' class name. */
  readonly className = 'InverseTimeDecay';
  /** The learning rate at step 0. */
  readonly initialLearningRate: number;
  /** The number of steps per unit of decay. */
  readonly decaySteps: number;
  /** How fast the rate decays. */
  readonly decayRate: number;
  /** Whether `step / decaySteps` is rounded down. */
  readonly staircase: boolean;
  /** Keras' `name`. */
  readonly name: string | null;

  constructor(options: InverseTimeDecayOptions) {
    super();
    const opts = checkOptions(OWNER, options, OPTION_NAMES);
    this.initialLearningRate = checkRate(OWNER, 'initialLearningRate', opts.initialLearningRate);
    this.decaySteps = checkSteps(OWNER, 'decaySteps', opts.decaySteps);
    this.decayRate = checkRate(OWNER, 'decayRate', opts.decayRate);
    this.staircase = checkBoolean(OWNER, 'staircase', opts.staircase ?? false);
    this.name = checkScheduleName(OWNER, opts.name === undefined ? 'InverseTimeDecay' : opts.name);
  }

  /** Rebuilds an InverseTimeDecay from its Keras config. */
  static fromConfig(config: ConfigDict): InverseTimeDecay {
    return new InverseTimeDecay(mapConfigKeys(OWNER, config, CONFIG_KEYS) as unknown as InverseTimeDecayOptions);
  }

  /** The learning rate at `step`. */
  call(step: number): number {
    const p = step / this.decaySteps;
    return this.initialLearningRate / (1 + this.decayRate * (this.staircase ? Math.floor(p) : p));
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
