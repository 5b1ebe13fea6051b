import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkNumber, SeededRandom, type ConfigDict } from '@layerwise/core';
import { Layer, type CallContext, type LayerArgs } from '../../engine/layer.js';

/** Arguments of {@link GaussianDropout}. */
export interface GaussianDropoutArgs extends LayerArgs {
  /** Drop probability, in [0, 1): the noise has standard deviation `sqrt(rate / (1 - rate))`. */
  rate: number;
  /** Makes the noise reproducible. */
  seed?: number;
}

/** Multiplies its input by Gaussian noise of mean 1 during training (Keras' GaussianDropout); the identity at inference. */
export class GaussianDropout extends Layer {
  static override readonly className = 'GaussianDropout';
  override readonly supportsMasking = true;
  readonly rate: number;
  readonly seed: number | undefined;
  private readonly random: SeededRandom | undefined;

  constructor(args: GaussianDropoutArgs) {
    super(args);
    this.rate = checkNumber(`GaussianDropout "${this.name}"`, 'rate', args.rate, { min: 0, max: 1, maxExclusive: true });
    this.seed = args.seed;
    this.random = args.seed === undefined ? undefined : new SeededRandom(args.seed);
  }

  call(x: Tensor, { training }: CallContext): Tensor {
    if (!training || this.rate === 0) return tf.clone(x);
    const seed = this.random?.nextSeed();
    const stddev = Math.sqrt(this.rate / (1 - this.rate));
    return tf.tidy(() => tf.mul(x, tf.randomNormal(x.shape, 1, stddev, 'float32', seed)));
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed ?? null };
  }
}

/** Creates a {@link GaussianDropout} layer. */
export const gaussianDropout = (args: GaussianDropoutArgs): GaussianDropout => new GaussianDropout(args);
