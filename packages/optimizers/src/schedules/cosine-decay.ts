import type { ConfigDict } from '@layerwise/core';
import { mapConfigKeys } from '../config-keys.js';
import { checkOptions } from '../validation.js';
import { checkRate, checkScheduleName, checkSteps } from './check.js';
import { LearningRateSchedule } from './learning-rate-schedule.js';

/** Options of {@link CosineDecay}. */
export interface CosineDecayOptions {
  /** The learning rate at step 0, at least 0. */
  initialLearningRate: number;
  /** The number of steps of the cosine decay (after the warmup), greater than 0. */
  decaySteps: number;
  /** The final rate as a fraction of the rate the decay starts from, at least 0. Default 0. */
  alpha?: number;
  /** Keras' `name`. Default `'CosineDecay'`. */
  name?: string | null;
  /** The rate a linear warmup reaches from `initialLearningRate`, or null for no warmup. Default null. */
  warmupTarget?: number | null;
  /** The number of warmup steps, at least 0. Default 0. */
  warmupSteps?: number;
}

const OWNER = 'CosineDecay';
const OPTION_NAMES = ['initialLearningRate', 'decaySteps', 'alpha', 'name', 'warmupTarget', 'warmupSteps'];
const CONFIG_KEYS = {
  initial_learning_rate: 'initialLearningRate',
  decay_steps: 'decaySteps',
  alpha: 'alpha',
  name: 'name',
  warmup_target: 'warmupTarget',
  warmup_steps: 'warmupSteps',
};

/**
 * Keras 3's `CosineDecay`, with an optional linear warmup. Without `warmupTarget`:
 * `initial * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, decaySteps) / decaySteps)) + alpha)`.
 * With it, the rate first goes linearly from `initialLearningRate` to `warmupTarget` over
 * `warmupSteps` steps, then decays from `warmupTarget` as above, `step` counted from the warmup's end.
 *
 * @example
 * ```ts
 * // Warm up from 0 to 0.1 over 1000 steps, then decay to 0 over 9000.
 * const schedule = new CosineDecay({ initialLearningRate: 0, decaySteps: 9000, warmupTarget: 0.1, warmupSteps: 1000 });
 * ```
 */
export class CosineDecay extends LearningRateSchedule {
  /** Keras' class name. */
  readonly className = 'CosineDecay';
  /** The learning rate at step 0. */
  readonly initialLearningRate: number;
  /** The number of steps of the decay. */
  readonly decaySteps: number;
  /** The final rate as a fraction of the decay's starting rate. */
  readonly alpha: number;
  /** Keras' `name`. */
  readonly name: string | null;
  /** The rate at the end of the warmup, or null for none. */
  readonly warmupTarget: number | null;
  /** The number of warmup steps. */
  readonly warmupSteps: number;

  constructor(options: CosineDecayOptions) {
    super();
    const opts = checkOptions(OWNER, options, OPTION_NAMES);
    this.initialLearningRate = checkRate(OWNER, 'initialLearningRate', opts.initialLearningRate);
    this.decaySteps = checkSteps(OWNER, 'decaySteps', opts.decaySteps);
    this.alpha = checkRate(OWNER, 'alpha', opts.alpha ?? 0);
    this.name = checkScheduleName(OWNER, opts.name === undefined ? 'CosineDecay' : opts.name);
    this.warmupTarget = opts.warmupTarget == null ? null : checkRate(OWNER, 'warmupTarget', opts.warmupTarget);
    this.warmupSteps = checkRate(OWNER, 'warmupSteps', opts.warmupSteps ?? 0);
  }

  /** Rebuilds a CosineDecay from its Keras config. */
  static fromConfig(config: ConfigDict): CosineDecay {
    return new CosineDecay(mapConfigKeys(OWNER, config, CONFIG_KEYS) as unknown as CosineDecayOptions);
  }

  /** The learning rate at `step`. */
  call(step: number): number {
    if (this.warmupTarget === null) return this.decay(Math.min(step, this.decaySteps), this.initialLearningRate);
    const s = Math.min(step, this.decaySteps + this.warmupSteps);
    if (s < this.warmupSteps) return (this.warmupTarget - this.initialLearningRate) * (s / this.warmupSteps) + this.initialLearningRate;
    return this.decay(s - this.warmupSteps, this.warmupTarget);
  }

  private decay(step: number, from: number): number {
    const cosineDecayed = 0.5 * (1 + Math.cos(Math.PI * (step / this.decaySteps)));
    return from * ((1 - this.alpha) * cosineDecayed + this.alpha);
  }

  /** The Keras config: `initial_learning_rate`, `decay_steps`, `alpha`, `name`, `warmup_target`, `warmup_steps`. */
  getConfig(): ConfigDict {
    return {
      initial_learning_rate: this.initialLearningRate,
      decay_steps: this.decaySteps,
      alpha: this.alpha,
      name: this.name,
      warmup_target: this.warmupTarget,
      warmup_steps: this.warmupSteps,
    };
  }
}
