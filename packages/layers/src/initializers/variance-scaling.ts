import * as tf from '@tensorflow/tfjs-core';
import type { DataType, Tensor } from '@tensorflow/tfjs-core';
import { checkNumber, invalidArgument, SeededRandom, type ConfigDict, type Initializer } from '@layerwise/core';
import { computeFans } from './fans.js';

/** Options of {@link VarianceScaling}, as Keras names them. */
export interface VarianceScalingOptions {
  /** Multiplies the variance. Default 1. */
  scale?: number;
  /** Which fan divides the variance. Default `'fanIn'`. */
  mode?: 'fanIn' | 'fanOut' | 'fanAvg';
  /** Default `'truncatedNormal'`. */
  distribution?: 'truncatedNormal' | 'untruncatedNormal' | 'uniform';
  /** Makes the drawn values reproducible. */
  seed?: number;
}

const modes = ['fanIn', 'fanOut', 'fanAvg'] as const;
const distributions = ['truncatedNormal', 'untruncatedNormal', 'uniform'] as const;

/**
 * Keras' VarianceScaling: values with variance `scale / fan`, drawn from a (truncated) normal or a
 * uniform distribution. Glorot and He initialisers are its named cases.
 */
export class VarianceScaling implements Initializer {
  readonly className: string = 'VarianceScaling';
  readonly scale: number;
  readonly mode: (typeof modes)[number];
  readonly distribution: (typeof distributions)[number];
  readonly seed: number | undefined;
  private readonly random: SeededRandom | undefined;

  constructor(options: VarianceScalingOptions = {}) {
    this.scale = checkNumber(this.className, 'scale', options.scale ?? 1, { min: 0, minExclusive: true });
    this.mode = options.mode ?? 'fanIn';
    this.distribution = options.distribution ?? 'truncatedNormal';
    if (!modes.includes(this.mode)) {
      throw invalidArgument({ owner: 'VarianceScaling', argument: 'mode', expected: `one of ${modes.join(', ')}`, received: this.mode });
    }
    if (!distributions.includes(this.distribution)) {
      throw invalidArgument({
        owner: 'VarianceScaling',
        argument: 'distribution',
        expected: `one of ${distributions.join(', ')}`,
        received: this.distribution,
      });
    }
    this.seed = options.seed;
    this.random = options.seed === undefined ? undefined : new SeededRandom(options.seed);
  }

  apply(shape: readonly number[], dtype: DataType = 'float32'): Tensor {
    const { fanIn, fanOut } = computeFans(shape);
    const fan = this.mode === 'fanIn' ? fanIn : this.mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2;
    const variance = this.scale / Math.max(1, fan);
    const seed = this.random?.nextSeed();
    const dims = [...shape];
    if (this.distribution === 'uniform') {
      const limit = Math.sqrt(3 * variance);
      return tf.randomUniform(dims, -limit, limit, dtype, seed);
    }
    if (this.distribution === 'untruncatedNormal') {
      return tf.randomNormal(dims, 0, Math.sqrt(variance), dtype as 'float32', seed);
    }
    // 0.879... is the standard deviation of a unit normal truncated to [-2, 2].
    const stddev = Math.sqrt(variance) / 0.8796256610342398;
    return tf.truncatedNormal(dims, 0, stddev, dtype as 'float32', seed);
  }

  getConfig(): ConfigDict {
    const mode = { fanIn: 'fan_in', fanOut: 'fan_out', fanAvg: 'fan_avg' }[this.mode];
    const distribution = { truncatedNormal: 'truncated_normal', untruncatedNormal: 'untruncated_normal', uniform: 'uniform' }[
      this.distribution
    ];
    return { scale: this.scale, mode, distribution, seed: this.seed ?? null };
  }
}
