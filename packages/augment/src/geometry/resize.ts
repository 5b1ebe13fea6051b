import * as tf from '@tensorflow/tfjs-core';
import type { Tensor4D } from '@tensorflow/tfjs-core';

/**
 * Resizes `[n, h, w, c]` images to `height` x `width` with half-pixel centres (Keras 3's
 * `Resizing`), after cutting the central region of the target's aspect ratio when `cropToAspectRatio`.
 */
export function resizeImages(images: Tensor4D, height: number, width: number, options: { interpolation: 'bilinear' | 'nearest'; cropToAspectRatio: boolean }): Tensor4D {
  return tf.tidy(() => {
    let x = images;
    if (options.cropToAspectRatio) {
      const [, h, w] = x.shape;
      const cropHeight = Math.max(Math.min(h, Math.floor((w * height) / width)), 1);
      const cropWidth = Math.max(Math.min(w, Math.floor((h * width) / height)), 1);
      x = cropCentre(x, cropHeight, cropWidth);
    }
    if (x.shape[1] === height && x.shape[2] === width) return tf.clone(x);
    return options.interpolation === 'nearest'
      ? tf.image.resizeNearestNeighbor(x, [height, width], false, true)
      : tf.image.resizeBilinear(x, [height, width], false, true);
  });
}

/** The central `height` x `width` region of each image (both at most the image's size). */
export function cropCentre(images: Tensor4D, height: number, width: number): Tensor4D {
  const [n, h, w, c] = images.shape;
  return tf.slice(images, [0, Math.floor((h - height) / 2), Math.floor((w - width) / 2), 0], [n, height, width, c]);
}
