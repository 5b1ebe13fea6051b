import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkNumber, SeededRandom, type ConfigDict } from '@layerwise/core';
import { Layer, type CallContext, type LayerArgs } from '../../engine/layer.js';

/** Arguments of {@link GaussianNoise}. */
export interface GaussianNoiseArgs extends LayerArgs {
  /** Standard deviation of the noise, >= 0. */
  stddev: number;
  /** Makes the noise reproducible. */
  seed?: number;
}

/** Adds zero-mean Gaussian noise of `stddev` during training (Keras' GaussianNoise); the identity at inference. */
export class GaussianNoise extends Layer {
  static override readonly className = 'GaussianNoise';
  override readonly supportsMasking = true;
  readonly stddev: number;
  readonly seed: number | undefined;
  private readonly random: SeededRandom | undefined;

  constructor(args: GaussianNoiseArgs) {
    super(args);
    this.stddev = checkNumber(`GaussianNoise "${this.name}"`, 'stddev', args.stddev, { min: 0 });
    this.seed = args.seed;
    this.random = args.seed === undefined ? undefined : new SeededRandom(args.seed);
  }

  call(x: Tensor, { training }: CallContext): Tensor {
    if (!training || this.stddev === 0) return tf.clone(x);
    const seed = this.random?.nextSeed();
    return tf.tidy(() => tf.add(x, tf.randomNormal(x.shape, 0, this.stddev, 'float32', seed)));
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), stddev: this.stddev, seed: this.seed ?? null };
  }
}

/** Creates a {@link GaussianNoise} layer. */
export const gaussianNoise = (args: GaussianNoiseArgs): GaussianNoise => new GaussianNoise(args);
