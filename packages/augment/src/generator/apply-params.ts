import * as tf from '@tensorflow/tfjs-core';
import type { Tensor4D } from '@tensorflow/tfjs-core';
import type { Sampling } from '../geometry/fill-mode.js';
import { transformIfNeeded } from '../geometry/transform-images.js';
import { paramsMatrix, type TransformParams } from './transform-params.js';

/** A `[n, 1, 1, 1]` tensor of one value per image. */
const perImage = (values: readonly number[]) => tf.tensor4d([...values], [values.length, 1, 1, 1]);

/**
 * Keras' `apply_transform` on a batch: one affine resampling (geometry and flips) for all the images
 * of `images` (`[n, h, w, c]`, float32, pixels in [0, 255]), then the channel shift (clipped to each
 * image's own range) and the brightness factor (kept in [0, 255]). `params` has one entry per image.
 * Returns a new tensor.
 */
export function applyParams(images: Tensor4D, params: readonly TransformParams[], sampling: Sampling): Tensor4D {
  const [, height, width] = images.shape;
  return tf.tidy(() => {
    let out: Tensor4D = transformIfNeeded(images, params.map((p) => paramsMatrix(p, height, width)), sampling);
    if (params.some((p) => p.channelShiftIntensity !== 0)) {
      const low = tf.min(images, [1, 2, 3], true);
      const high = tf.max(images, [1, 2, 3], true);
      out = tf.minimum<Tensor4D>(tf.maximum(tf.add(out, perImage(params.map((p) => p.channelShiftIntensity))), low), high);
    }
    if (params.some((p) => p.brightness !== undefined)) {
      out = tf.clipByValue(tf.mul(out, perImage(params.map((p) => p.brightness ?? 1))) as Tensor4D, 0, 255);
    }
    return out;
  });
}
