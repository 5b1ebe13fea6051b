import type { ConfigDict } from '@layerwise/core';
import { mapConfigKeys } from '../config-keys.js';
import { checkBoolean, checkOptions } from '../validation.js';
import { checkRate, checkScheduleName, checkSteps } from './check.js';
import { LearningRateSchedule } from './learning-rate-schedule.js';

/** Options shared by the schedules that decay by `decayRate` per `decaySteps` steps. */
export interface StepDecayOptions {
  /** The learning rate at step 0, at least 0. */
  initialLearningRate: number;
  /** The number of steps per unit of decay, greater than 0. */
  decaySteps: number;
  /** How much the rate decays per `decaySteps` steps, at least 0. */
  decayRate: number;
  /** Whether `step / decaySteps` is rounded down, so the rate drops in stairs. Default false. */
  staircase?: boolean;
  /** Keras' `name`. Default: the class name. */
  name?: string | null;
}

const OPTION_NAMES = ['initialLearningRate', 'decaySteps', 'decayRate', 'staircase', 'name'];
const CONFIG_KEYS = { initial_learning_rate: 'initialLearningRate', decay_steps: 'decaySteps', decay_rate: 'decayRate', staircase: 'staircase', name: 'name' };

/** Reads the options of a {@link StepDecaySchedule} from its Keras config (snake_case keys). */
export function stepDecayOptions(owner: string, config: ConfigDict): StepDecayOptions {
  return mapConfigKeys(owner, config, CONFIG_KEYS) as unknown as StepDecayOptions;
}

/**
 * The part ExponentialDecay and InverseTimeDecay share: their options, their validation, their
 * Keras config, and the decay progress `step / decaySteps` (rounded down with `staircase`); a
 * subclass gives the formula in {@link StepDecaySchedule.rateAt}.
 */
export abstract class StepDecaySchedule extends LearningRateSchedule {
  /** The learning rate at step 0. */
  readonly initialLearningRate: number;
  /** The number of steps per unit of decay. */
  readonly decaySteps: number;
  /** How much the rate decays per `decaySteps` steps. */
  readonly decayRate: number;
  /** Whether the progress is rounded down. */
  readonly staircase: boolean;
  /** Keras' `name`. */
  readonly name: string | null;

  protected constructor(owner: string, options: StepDecayOptions) {
    super();
    const opts = checkOptions(owner, options, OPTION_NAMES);
    this.initialLearningRate = checkRate(owner, 'initialLearningRate', opts.initialLearningRate);
    this.decaySteps = checkSteps(owner, 'decaySteps', opts.decaySteps);
    this.decayRate = checkRate(owner, 'decayRate', opts.decayRate);
    this.staircase = checkBoolean(owner, 'staircase', opts.staircase ?? false);
    this.name = checkScheduleName(owner, opts.name === undefined ? owner : opts.name);
  }

  /** The learning rate after `progress` units of decay (`step / decaySteps`, rounded down with `staircase`). */
  protected abstract rateAt(progress: number): number;

  /** The learning rate at `step`. */
  call(step: number): number {
    const progress = step / this.decaySteps;
    return this.rateAt(this.staircase ? Math.floor(progress) : progress);
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
