import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkNumber, invalidArgument, SeededRandom, type ConfigDict } from '@layerwise/core';
import { Layer, type CallContext, type LayerArgs } from '../../engine/layer.js';

/** Arguments of {@link AlphaDropout}. */
export interface AlphaDropoutArgs extends LayerArgs {
  /** Drop probability, in [0, 1). */
  rate: number;
  /** Shape of the drop mask, broadcast over the input (`null` entries take the input's size); default: the input's shape. */
  noiseShape?: readonly (number | null)[];
  /** Makes the dropped positions reproducible. */
  seed?: number;
}

const ALPHA = 1.6732632423543772848170429916717;
const SCALE = 1.0507009873554804934193349852946;

/**
 * Dropout for SELU networks (Keras' AlphaDropout): during training, dropped values are set to
 * SELU's negative saturation value and an affine correction keeps the mean and variance of the
 * inputs; the identity at inference.
 */
export class AlphaDropout extends Layer {
  static override readonly className = 'AlphaDropout';
  override readonly supportsMasking = true;
  readonly rate: number;
  readonly noiseShape: (number | null)[] | undefined;
  readonly seed: number | undefined;
  private readonly random: SeededRandom | undefined;

  constructor(args: AlphaDropoutArgs) {
    super(args);
    const owner = `AlphaDropout "${this.name}"`;
    this.rate = checkNumber(owner, 'rate', args.rate, { min: 0, max: 1, maxExclusive: true });
    if (args.noiseShape !== undefined && args.noiseShape !== null) {
      if (!Array.isArray(args.noiseShape) || args.noiseShape.some((d) => d !== null && (!Number.isInteger(d) || d < 1))) {
        throw invalidArgument({ owner, argument: 'noiseShape', expected: 'a list of positive integers or nulls', received: args.noiseShape });
      }
      this.noiseShape = [...args.noiseShape];
    } else {
      this.noiseShape = undefined;
    }
    this.seed = args.seed;
    this.random = args.seed === undefined ? undefined : new SeededRandom(args.seed);
  }

  call(x: Tensor, { training }: CallContext): Tensor {
    if (!training || this.rate === 0) return tf.clone(x);
    const seed = this.random?.nextSeed();
    const shape = this.noiseShape ? this.noiseShape.map((d, i) => d ?? x.shape[i]!) : x.shape;
    const alphaP = -ALPHA * SCALE;
    const a = ((1 - this.rate) * (1 + this.rate * alphaP ** 2)) ** -0.5;
    const b = -a * alphaP * this.rate;
    return tf.tidy(() => {
      const kept = tf.cast(tf.greaterEqual(tf.randomUniform(shape, 0, 1, 'float32', seed), this.rate), x.dtype);
      const dropped = tf.add(tf.mul(x, kept), tf.mul(tf.sub(1, kept), alphaP));
      return tf.add(tf.mul(dropped, a), b);
    });
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), rate: this.rate, noise_shape: this.noiseShape ?? null, seed: this.seed ?? null };
  }
}

/** Creates an {@link AlphaDropout} layer. */
export const alphaDropout = (args: AlphaDropoutArgs): AlphaDropout => new AlphaDropout(args);
