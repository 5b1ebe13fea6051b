import * as tf from '@tensorflow/tfjs-core';
import type { DataType, Tensor } from '@tensorflow/tfjs-core';
import { checkNumber, invalidArgument, SeededRandom, type ConfigDict, type Initializer } from '@layerwise/core';

/** Options of {@link RandomNormal} and {@link TruncatedNormal}, with Keras' defaults. */
export interface RandomNormalOptions {
  /** Mean of the values. Default 0. */
  mean?: number;
  /** Standard deviation of the (untruncated) distribution. Default 0.05. */
  stddev?: number;
  /** Makes the drawn values reproducible. */
  seed?: number;
}

/** Options of {@link RandomUniform}, with Keras' defaults. */
export interface RandomUniformOptions {
  /** Lower bound. Default -0.05. */
  minval?: number;
  /** Upper bound (exclusive). Default 0.05. */
  maxval?: number;
  /** Makes the drawn values reproducible. */
  seed?: number;
}

/** A seeded source of tfjs seeds shared by the random initialisers: each `apply` draws a fresh one. */
abstract class SeededInitializer implements Initializer {
  abstract readonly className: string;
  readonly seed: number | undefined;
  private readonly random: SeededRandom | undefined;

  constructor(seed: number | undefined) {
    this.seed = seed;
    this.random = seed === undefined ? undefined : new SeededRandom(seed);
  }

  /** The seed for the next draw (undefined: unseeded). */
  protected nextSeed(): number | undefined {
    return this.random?.nextSeed();
  }

  abstract apply(shape: readonly number[], dtype?: DataType): Tensor;
  abstract getConfig(): ConfigDict;
}

/** Keras' RandomNormal: values drawn from a normal distribution with `mean` and `stddev`. */
export class RandomNormal extends SeededInitializer {
  readonly className: string = 'RandomNormal';
  readonly mean: number;
  readonly stddev: number;
  constructor(options: RandomNormalOptions = {}) {
    super(options.seed);
    this.mean = checkNumber('RandomNormal', 'mean', options.mean ?? 0);
    this.stddev = checkNumber('RandomNormal', 'stddev', options.stddev ?? 0.05, { min: 0 });
  }
  apply(shape: readonly number[], dtype: DataType = 'float32'): Tensor {
    return tf.randomNormal([...shape], this.mean, this.stddev, dtype as 'float32', this.nextSeed());
  }
  getConfig(): ConfigDict {
    return { mean: this.mean, stddev: this.stddev, seed: this.seed ?? null };
  }
}

/**
 * Keras' TruncatedNormal: normal values with `mean` and `stddev`, redrawn when more than two
 * standard deviations from the mean.
 */
export class TruncatedNormal extends SeededInitializer {
  readonly className: string = 'TruncatedNormal';
  readonly mean: number;
  readonly stddev: number;
  constructor(options: RandomNormalOptions = {}) {
    super(options.seed);
    this.mean = checkNumber('TruncatedNormal', 'mean', options.mean ?? 0);
    this.stddev = checkNumber('TruncatedNormal', 'stddev', options.stddev ?? 0.05, { min: 0 });
  }
  apply(shape: readonly number[], dtype: DataType = 'float32'): Tensor {
    return tf.truncatedNormal([...shape], this.mean, this.stddev, dtype as 'float32', this.nextSeed());
  }
  getConfig(): ConfigDict {
    return { mean: this.mean, stddev: this.stddev, seed: this.seed ?? null };
  }
}

/** Keras' RandomUniform: values drawn uniformly from `[minval, maxval)`. */
export class RandomUniform extends SeededInitializer {
  readonly className: string = 'RandomUniform';
  readonly minval: number;
  readonly maxval: number;
  constructor(options: RandomUniformOptions = {}) {
    super(options.seed);
    this.minval = checkNumber('RandomUniform', 'minval', options.minval ?? -0.05);
    this.maxval = checkNumber('RandomUniform', 'maxval', options.maxval ?? 0.05);
    if (this.maxval < this.minval) {
      throw invalidArgument({ owner: 'RandomUniform', argument: 'maxval', expected: `a number >= minval (${this.minval})`, received: this.maxval });
    }
  }
  apply(shape: readonly number[], dtype: DataType = 'float32'): Tensor {
    return tf.randomUniform([...shape], this.minval, this.maxval, dtype, this.nextSeed());
  }
  getConfig(): ConfigDict {
    return { minval: this.minval, maxval: this.maxval, seed: this.seed ?? null };
  }
}

/** Options of {@link Orthogonal}. */
export interface OrthogonalOptions {
  /** Multiplies the orthogonal matrix. Default 1. */
  gain?: number;
  /** Makes the drawn values reproducible. */
  seed?: number;
}

/**
 * Keras' Orthogonal: a (semi-)orthogonal matrix from the QR decomposition of a normal draw, times
 * `gain`. Shapes of rank > 2 are flattened to `[product of leading dims, last dim]` first, as Keras
 * does. The default recurrent kernel initialiser.
 */
export class Orthogonal extends SeededInitializer {
  readonly className: string = 'Orthogonal';
  readonly gain: number;
  constructor(options: OrthogonalOptions = {}) {
    super(options.seed);
    this.gain = checkNumber('Orthogonal', 'gain', options.gain ?? 1);
  }
  apply(shape: readonly number[], dtype: DataType = 'float32'): Tensor {
    if (shape.length < 2) {
      throw invalidArgument({ owner: 'Orthogonal', argument: 'shape', expected: 'a shape of rank >= 2', received: shape });
    }
    const seed = this.nextSeed();
    return tf.tidy(() => {
      const cols = shape[shape.length - 1]!;
      const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
      const a = tf.randomNormal([Math.max(rows, cols), Math.min(rows, cols)], 0, 1, 'float32', seed) as tf.Tensor2D;
      const [q, r] = tf.linalg.qr(a);
      // Make the decomposition unique (and the distribution uniform): multiply by the signs of diag(r).
      const signs = tf.sign(tf.sum(tf.mul(r, tf.eye(r.shape[0], r.shape[1])), 0));
      let m: Tensor = tf.mul(q, signs);
      if (rows < cols) m = tf.transpose(m);
      return tf.cast(tf.reshape(tf.mul(m, this.gain), [...shape]), dtype);
    });
  }
  getConfig(): ConfigDict {
    return { gain: this.gain, seed: this.seed ?? null };
  }
}
