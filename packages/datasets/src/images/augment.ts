import * as tf from '@tensorflow/tfjs-core';
import type { Tensor4D } from '@tensorflow/tfjs-core';
import { formatShape, LayerwiseError } from '@layerwise/core';

/**
 * Random augmentation of a batch of images, as `flowFromDirectory`'s `augment` option takes it:
 * a function, or an object with an `augment` method (what `@layerwise/augment`'s pipelines
 * implement). It receives float32 images `[batch, height, width, channels]` in [0, 255] and a
 * seed (an integer, different for every batch and reproducible from the flow's `seed`), and
 * returns a new batch of the same size and rank; it may change height and width. It must not
 * dispose its input (the flow does) and owns nothing it returns.
 *
 * @example
 * ```ts
 * const flipEveryOther: ImageAugment = (images, seed) => (seed % 2 === 0 ? tf.reverse(images, 2) : tf.clone(images));
 * ```
 */
export type ImageAugment = ((images: Tensor4D, seed: number) => Tensor4D | Promise<Tensor4D>) | ImageAugmenter;

/** The object form of {@link ImageAugment}. */
export interface ImageAugmenter {
  augment(images: Tensor4D, seed: number): Tensor4D | Promise<Tensor4D>;
}

/** Checks that `value` is an {@link ImageAugment}. */
export function isImageAugment(value: unknown): value is ImageAugment {
  return typeof value === 'function' || (typeof value === 'object' && value !== null && typeof (value as ImageAugmenter).augment === 'function');
}

/** Runs `augment` on `images`, disposing `images` (unless returned as is) and checking the result. */
export async function applyAugment(owner: string, augment: ImageAugment, images: Tensor4D, seed: number): Promise<Tensor4D> {
  let out: Tensor4D;
  try {
    out = await (typeof augment === 'function' ? augment(images, seed) : augment.augment(images, seed));
  } catch (error) {
    images.dispose();
    throw error;
  }
  if (out !== images) images.dispose();
  if (!(out instanceof tf.Tensor) || out.rank !== 4 || out.shape[0] !== images.shape[0] || out.shape[3] !== images.shape[3]) {
    const got = out instanceof tf.Tensor ? `a tensor of shape ${formatShape(out.shape)}` : String(out);
    if (out instanceof tf.Tensor) out.dispose();
    throw new LayerwiseError(
      `${owner}: \`augment\` must return a batch of the same size and channels, (${images.shape[0]}, height, width, ${images.shape[3]}); got ${got}`,
    );
  }
  return out;
}
