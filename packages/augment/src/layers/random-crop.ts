import * as tf from '@tensorflow/tfjs-core';
import type { Tensor4D } from '@tensorflow/tfjs-core';
import type { ConfigDict, Shape } from '@layerwise/core';
import { resizeImages } from '../geometry/resize.js';
import { RandomImageLayer, resizedShape, type RandomLayerArgs } from './image-layer.js';
import { checkTargetSize, type TargetSize } from './target-size.js';

/** Arguments of {@link RandomCrop}. */
export interface RandomCropArgs extends RandomLayerArgs, TargetSize {
}

/**
 * A random `height` x `width` region of each image while training (Keras 3's `RandomCrop`); at
 * inference, and for images smaller than that, the central region of that aspect ratio resized to it.
 */
export class RandomCrop extends RandomImageLayer {
  static override readonly className = 'RandomCrop';
  readonly height: number;
  readonly width: number;

  constructor(args: RandomCropArgs) {
    super(args);
    ({ height: this.height, width: this.width } = checkTargetSize(this.owner, args));
  }

  protected override transformBatch(images: Tensor4D, training: boolean): Tensor4D {
    const [, h, w] = images.shape;
    if (training && h >= this.height && w >= this.width) return this.randomBatch(images);
    return resizeImages(images, this.height, this.width, { interpolation: 'bilinear', cropToAspectRatio: true });
  }

  protected randomBatch(images: Tensor4D): Tensor4D {
    const [n, h, w] = images.shape;
    const boxes = Array.from({ length: n }, () => {
      const top = this.random.nextInt(h - this.height + 1);
      const left = this.random.nextInt(w - this.width + 1);
      // Box corners in [0, 1] of (size - 1), so that the crop lands on whole pixels.
      const norm = (v: number, size: number) => (size > 1 ? v / (size - 1) : 0);
      return [norm(top, h), norm(left, w), norm(top + this.height - 1, h), norm(left + this.width - 1, w)];
    });
    return tf.tidy(() =>
      tf.image.cropAndResize(images, tf.tensor2d(boxes, [n, 4]), tf.range(0, n, 1, 'int32'), [this.height, this.width], 'nearest'),
    );
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return resizedShape(inputShape, this.height, this.width);
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), height: this.height, width: this.width };
  }
}

/** Creates a {@link RandomCrop} layer. */
export const randomCrop = (args: RandomCropArgs): RandomCrop => new RandomCrop(args);
