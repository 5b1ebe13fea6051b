import * as tf from '@tensorflow/tfjs-core';
import type { Tensor4D } from '@tensorflow/tfjs-core';
import { checkRange, uniform } from '../validate/ranges.js';
import { RandomPixelLayer, type PixelLayerArgs } from './value-range.js';

/**
 * Arguments of {@link RandomContrast}: `factor` `f` draws the contrast factor from `[1 - f, 1 + f]`,
 * `[low, high]` from `[1 - low, 1 + high]` (values in [0, 1]).
 */
export type RandomContrastArgs = PixelLayerArgs;

/** Scales each image's contrast (about its per-channel mean) by a random factor while training (Keras 3's `RandomContrast`). */
export class RandomContrast extends RandomPixelLayer {
  static override readonly className = 'RandomContrast';

  constructor(args: RandomContrastArgs) {
    super(args, (owner, factor) => checkRange(owner, 'factor', factor, { min: 0, max: 1 }, (f) => [f, f]));
  }

  protected randomBatch(images: Tensor4D): Tensor4D {
    const n = images.shape[0];
    const factors = Array.from({ length: n }, () => uniform([1 - this.factor[0], 1 + this.factor[1]], () => this.random.next()));
    return tf.tidy(() => {
      const mean = tf.mean(images, [1, 2], true);
      const scaled = tf.add(tf.mul(tf.sub(images, mean), tf.tensor4d(factors, [n, 1, 1, 1])), mean);
      return tf.clipByValue<Tensor4D>(scaled as Tensor4D, this.valueRange[0], this.valueRange[1]);
    });
  }
}

/** Creates a {@link RandomContrast} layer. */
export const randomContrast = (args: RandomContrastArgs): RandomContrast => new RandomContrast(args);
