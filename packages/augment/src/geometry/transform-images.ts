import * as tf from '@tensorflow/tfjs-core';
import type { Tensor4D } from '@tensorflow/tfjs-core';
import type { Sampling } from './fill-mode.js';
import { isIdentity, toTransformRow, type Matrix3 } from './matrix.js';

/**
 * Whether the active backend runs tfjs-backend-cpu's `Transform` kernel. In tfjs 4.22 that kernel
 * returns after the first image of a batch (the rest come back filled with the fill value), so on
 * such backends (tfjs-backend-cpu, and any backend that reuses its kernel) the batch is transformed
 * one image at a time. Every other backend gets the whole batch in one call, layerwise-wasm
 * included: its WebAssembly `Transform` (cpu's arithmetic) transforms every image of a batch. The
 * check is by kernel identity, so a backend takes the batched path once it registers its own kernel.
 */
function backendRunsCpuTransform(): boolean {
  const name = tf.getBackend();
  const kernel = tf.getKernel('Transform', name);
  const cpu = tf.getKernel('Transform', 'cpu');
  return kernel !== undefined && cpu !== undefined && kernel.kernelFunc === cpu.kernelFunc;
}

/**
 * Resamples each image of `images` (`[n, h, w, c]`) through its own matrix (output pixel to input
 * position, see {@link Matrix3}) with `tf.image.transform`. Returns a new tensor; identity matrices
 * are still resampled, so the caller may skip the call when every matrix is the identity.
 */
export function transformImages(images: Tensor4D, matrices: readonly Matrix3[], sampling: Sampling): Tensor4D {
  return tf.tidy(() => {
    const rows = matrices.map(toTransformRow);
    const float = images.dtype === 'float32' ? images : (tf.cast(images, 'float32') as Tensor4D);
    const run = (x: Tensor4D, transforms: number[][]) =>
      tf.image.transform(x, tf.tensor2d(transforms, [transforms.length, 8]), sampling.interpolation, sampling.fillMode, sampling.fillValue);
    if (images.shape[0] <= 1 || !backendRunsCpuTransform()) return run(float, rows);
    const parts = tf.unstack(float).map((image, i) => run(tf.expandDims(image, 0) as Tensor4D, [rows[i]!]));
    return tf.concat(parts, 0);
  });
}

/** {@link transformImages}, or a copy of `images` when every matrix is the identity. */
export function transformIfNeeded(images: Tensor4D, matrices: readonly Matrix3[], sampling: Sampling): Tensor4D {
  return matrices.every(isIdentity) ? (tf.clone(images) as Tensor4D) : transformImages(images, matrices, sampling);
}
