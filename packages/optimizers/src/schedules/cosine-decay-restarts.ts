import type { ConfigDict } from '@layerwise/core';
import { checkNumber } from '@layerwise/core';
import { mapConfigKeys } from '../config-keys.js';
import { checkOptions } from '../validation.js';
import { checkRate, checkScheduleName, checkSteps } from './check.js';
import { LearningRateSchedule } from './learning-rate-schedule.js';

/** Options of {@link CosineDecayRestarts}. */
export interface CosineDecayRestartsOptions {
  /** The learning rate at step 0, at least 0. */
  initialLearningRate: number;
  /** The number of steps of the first decay, greater than 0. */
  firstDecaySteps: number;
  /** Each period is `tMul` times longer than the previous one, greater than 0. Default 2. */
  tMul?: number;
  /** Each period starts from `mMul` times the previous period's initial rate, at least 0. Default 1. */
  mMul?: number;
  /** The lowest rate as a fraction of `initialLearningRate`, at least 0. Default 0. */
  alpha?: number;
  /** Keras' `name`. Default `'SGDRDecay'`. */
  name?: string | null;
}

const OWNER = 'CosineDecayRestarts';
const OPTION_NAMES = ['initialLearningRate', 'firstDecaySteps', 'tMul', 'mMul', 'alpha', 'name'];
const CONFIG_KEYS = {
  initial_learning_rate: 'initialLearningRate',
  first_decay_steps: 'firstDecaySteps',
  t_mul: 'tMul',
  m_mul: 'mMul',
  alpha: 'alpha',
  name: 'name',
};

/**
 * Keras 3's `CosineDecayRestarts` (SGDR): a cosine decay from `initialLearningRate` to
 * `alpha * initialLearningRate` over `firstDecaySteps`, then warm restarts, period `i` lasting
 * `firstDecaySteps * tMul^i` steps and starting from `initialLearningRate * mMul^i`.
 *
 * @example
 * ```ts
 * const schedule = new CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 1000 });
 * ```
 */
export class CosineDecayRestarts extends LearningRateSchedule {
  /** Keras' class name. */
  readonly className = 'CosineDecayRestarts';
  /** The learning rate at step 0. */
  readonly initialLearningRate: number;
  /** The number of steps of the first period. */
  readonly firstDecaySteps: number;
  /** The growth factor of the periods' lengths. */
  readonly tMul: number;
  /** The factor of the periods' starting rates. */
  readonly mMul: number;
  /** The lowest rate as a fraction of `initialLearningRate`. */
  readonly alpha: number;
  /** Keras' `name`. */
  readonly name: string | null;

  constructor(options: CosineDecayRestartsOptions) {
    super();
    const opts = checkOptions(OWNER, options, OPTION_NAMES);
    this.initialLearningRate = checkRate(OWNER, 'initialLearningRate', opts.initialLearningRate);
    this.firstDecaySteps = checkSteps(OWNER, 'firstDecaySteps', opts.firstDecaySteps);
    this.tMul = checkNumber(OWNER, 'tMul', opts.tMul ?? 2, { min: 0, minExclusive: true });
    this.mMul = checkRate(OWNER, 'mMul', opts.mMul ?? 1);
    this.alpha = checkRate(OWNER, 'alpha', opts.alpha ?? 0);
    this.name = checkScheduleName(OWNER, opts.name === undefined ? 'SGDRDecay' : opts.name);
  }

  /** Rebuilds a CosineDecayRestarts from its Keras config. */
  static fromConfig(config: ConfigDict): CosineDecayRestarts {
    return new CosineDecayRestarts(mapConfigKeys(OWNER, config, CONFIG_KEYS) as unknown as CosineDecayRestartsOptions);
  }

  /** The learning rate at `step`. */
  call(step: number): number {
    const { tMul } = this;
    let fraction = step / this.firstDecaySteps;
    let restart: number;
    if (tMul === 1) {
      restart = Math.floor(fraction);
      fraction -= restart;
    } else {
      // The start of period i, in units of firstDecaySteps: the geometric sum 1 + tMul + ... + tMul^(i-1).
      const start = (i: number) => (1 - tMul ** i) / (1 - tMul);
      restart = Math.floor(Math.log(1 - fraction * (1 - tMul)) / Math.log(tMul));
      // The logarithms can round a step that starts a period to the end of the previous one.
      if (Number.isFinite(restart)) {
        if (start(restart + 1) <= fraction) restart += 1;
        else if (restart > 0 && start(restart) > fraction) restart -= 1;
      }
      fraction = (fraction - start(restart)) / tMul ** restart;
    }
    const cosineDecayed = 0.5 * this.mMul ** restart * (1 + Math.cos(Math.PI * fraction));
    return this.initialLearningRate * ((1 - this.alpha) * cosineDecayed + this.alpha);
  }

  /** The Keras config: `initial_learning_rate`, `first_decay_steps`, `t_mul`, `m_mul`, `alpha`, `name`. */
  getConfig(): ConfigDict {
    return {
      initial_learning_rate: this.initialLearningRate,
      first_decay_steps: this.firstDecaySteps,
      t_mul: this.tMul,
      m_mul: this.mMul,
      alpha: this.alpha,
      name: this.name,
    };
  }
}
