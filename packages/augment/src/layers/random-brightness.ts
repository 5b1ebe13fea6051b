import * as tf from '@tensorflow/tfjs-core';
import type { Tensor4D } from '@tensorflow/tfjs-core';
import { checkRange, uniform } from '../validate/ranges.js';
import { RandomPixelLayer, type PixelLayerArgs } from './value-range.js';

/**
 * Arguments of {@link RandomBrightness}: `factor` is the fraction of `valueRange` added to every
 * pixel, `f` drawing from `[-f, f]`, `[low, high]` from that range (values in [-1, 1]).
 */
export type RandomBrightnessArgs = PixelLayerArgs;

/** Adds a random amount of brightness to each image while training (Keras 3's `RandomBrightness`); the identity at inference. */
export class RandomBrightness extends RandomPixelLayer {
  static override readonly className = 'RandomBrightness';

  constructor(args: RandomBrightnessArgs) {
    super(args, (owner, factor) => checkRange(owner, 'factor', factor, { min: -1, max: 1 }));
  }

  protected randomBatch(images: Tensor4D): Tensor4D {
    const n = images.shape[0];
    const [low, high] = this.valueRange;
    const deltas = Array.from({ length: n }, () => uniform(this.factor, () => this.random.next()) * (high - low));
    return tf.tidy(() => tf.clipByValue(tf.add(images, tf.tensor4d(deltas, [n, 1, 1, 1])) as Tensor4D, low, high));
  }
}

/** Creates a {@link RandomBrightness} layer. */
export const randomBrightness = (args: RandomBrightnessArgs): RandomBrightness => new RandomBrightness(args);
