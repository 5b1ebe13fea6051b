import * as tf from '@tensorflow/tfjs-core';
import type { Tensor4D } from '@tensorflow/tfjs-core';
import { checkOneOf, type ConfigDict } from '@layerwise/core';
import { RandomImageLayer, type RandomLayerArgs } from './image-layer.js';

/** Which flips {@link RandomFlip} draws. */
export type FlipMode = 'horizontal' | 'vertical' | 'horizontal_and_vertical';

/** Arguments of {@link RandomFlip}. */
export interface RandomFlipArgs extends RandomLayerArgs {
  /** `'horizontal'` (left-right), `'vertical'` (top-bottom) or `'horizontal_and_vertical'` (default; each with probability 1/2). */
  mode?: FlipMode;
}

/** Mirrors each image with probability 1/2 per direction while training (Keras 3's `RandomFlip`); the identity at inference. */
export class RandomFlip extends RandomImageLayer {
  static override readonly className = 'RandomFlip';
  readonly mode: FlipMode;

  constructor(args: RandomFlipArgs = {}) {
    super(args);
    this.mode = checkOneOf(this.owner, 'mode', args.mode ?? 'horizontal_and_vertical', ['horizontal', 'vertical', 'horizontal_and_vertical']);
  }

  protected randomBatch(images: Tensor4D): Tensor4D {
    const n = images.shape[0];
    return tf.tidy(() => {
      let x = images;
      const flipAlong = (axis: 1 | 2) => {
        const mask = tf.tensor4d(Array.from({ length: n }, () => (this.random.next() < 0.5 ? 1 : 0)), [n, 1, 1, 1], 'bool');
        x = tf.where(tf.broadcastTo(mask, x.shape), tf.reverse(x, axis), x);
      };
      if (this.mode !== 'vertical') flipAlong(2);
      if (this.mode !== 'horizontal') flipAlong(1);
      return tf.clone(x);
    });
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), mode: this.mode };
  }
}

/** Creates a {@link RandomFlip} layer. */
export const randomFlip = (args: RandomFlipArgs = {}): RandomFlip => new RandomFlip(args);
