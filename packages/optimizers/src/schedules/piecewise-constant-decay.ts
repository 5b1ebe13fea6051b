import type { ConfigDict } from '@layerwise/core';
import { LayerwiseError, invalidArgument } from '@layerwise/core';
import { mapConfigKeys } from '../config-keys.js';
import { checkOptions } from '../validation.js';
import { checkRate, checkScheduleName } from './check.js';
import { LearningRateSchedule } from './learning-rate-schedule.js';

/** Options of {@link PiecewiseConstantDecay}. */
export interface PiecewiseConstantDecayOptions {
  /** Strictly increasing integer steps where the rate changes; at least one. */
  boundaries: readonly number[];
  /** The rates, one more than `boundaries`: `values[i]` applies up to and including `boundaries[i]`. */
  values: readonly number[];
  /** Keras' `name`. Default `'PiecewiseConstant'`. */
  name?: string | null;
}

const OWNER = 'PiecewiseConstantDecay';
const OPTION_NAMES = ['boundaries', 'values', 'name'];
const CONFIG_KEYS = { boundaries: 'boundaries', values: 'values', name: 'name' };

function checkBoundaries(value: unknown): number[] {
  const ok =
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((b, i) => Number.isInteger(b) && (i === 0 || b > (value[i - 1] as number)));
  if (!ok) throw invalidArgument({ owner: OWNER, argument: 'boundaries', expected: 'a non-empty array of strictly increasing integers', received: value });
  return [...(value as number[])];
}

/**
 * Keras 3's `PiecewiseConstantDecay`: `values[0]` while `step <= boundaries[0]`, `values[1]` while
 * `boundaries[0] < step <= boundaries[1]`, ..., `values[n]` after `boundaries[n - 1]`.
 *
 * @example
 * ```ts
 * // 1.0 for steps 0 to 100000, 0.5 up to 110000, then 0.1.
 * const schedule = new PiecewiseConstantDecay({ boundaries: [100000, 110000], values: [1.0, 0.5, 0.1] });
 * ```
 */
export class PiecewiseConstantDecay extends LearningRateSchedule {
  /** Keras' class name. */
  readonly className = 'PiecewiseConstantDecay';
  /** The steps where the rate changes. */
  readonly boundaries: readonly number[];
  /** The rate of each interval. */
  readonly values: readonly number[];
  /** Keras' `name`. */
  readonly name: string | null;

  constructor(options: PiecewiseConstantDecayOptions) {
    super();
    const opts = checkOptions(OWNER, options, OPTION_NAMES);
    this.boundaries = checkBoundaries(opts.boundaries);
    if (!Array.isArray(opts.values) || opts.values.length !== this.boundaries.length + 1) {
      throw new LayerwiseError(
        `${OWNER}: \`values\` must have one more element than \`boundaries\`. ` +
          `Received: boundaries=${JSON.stringify(this.boundaries)} of length ${this.boundaries.length}, values=${JSON.stringify(opts.values)}`,
      );
    }
    this.values = opts.values.map((v, i) => checkRate(OWNER, `values[${i}]`, v));
    this.name = checkScheduleName(OWNER, opts.name === undefined ? 'PiecewiseConstant' : opts.name);
  }

  /** Rebuilds a PiecewiseConstantDecay from its Keras config. */
  static fromConfig(config: ConfigDict): PiecewiseConstantDecay {
    return new PiecewiseConstantDecay(mapConfigKeys(OWNER, config, CONFIG_KEYS) as unknown as PiecewiseConstantDecayOptions);
  }

  /** The learning rate at `step`. */
  call(step: number): number {
    const i = this.boundaries.findIndex((boundary) => step <= boundary);
    return this.values[i === -1 ? this.boundaries.length : i]!;
  }

  /** The Keras config: `boundaries`, `values`, `name`. */
  getConfig(): ConfigDict {
    return { boundaries: [...this.boundaries], values: [...this.values], name: this.name };
  }
}
