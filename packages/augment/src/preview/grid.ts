import * as tf from '@tensorflow/tfjs-core';
import type { Tensor3D, Tensor4D } from '@tensorflow/tfjs-core';
import { checkInteger, checkOptions, formatShape, LayerwiseError } from '@layerwise/core';
import { Layer } from '@layerwise/layers';
import { checkPair } from '../validate/ranges.js';

/**
 * What the preview draws augmented versions with: an `ImageDataGenerator` (or any object with
 * `augment(images, seed)`), such a function, or a preprocessing layer (or `Sequential` of them),
 * run in training mode.
 */
export type PreviewAugment = Layer | ((images: Tensor4D, seed: number) => Tensor4D) | { augment(images: Tensor4D, seed: number): Tensor4D };

/** Options of {@link augmentationGrid}. */
export interface PreviewOptions {
  /** Augmented versions drawn. Default 4 (the book's figure). */
  count?: number;
  /** Images per row. Default: `count` up to 4 per row. */
  columns?: number;
  /** Seed of the augmentations (for a function or generator). Default 0. */
  seed?: number;
  /** Pixels of background between images. Default 2. */
  gap?: number;
  /** The range of the augmented pixels, mapped to [0, 255] for display. Default `[0, 255]` (use `[0, 1]` after `rescale: 1 / 255`). */
  valueRange?: readonly [number, number];
}

const OWNER = 'augmentationGrid';
const KNOWN = ['count', 'columns', 'seed', 'gap', 'valueRange'] as const;

function runAugment(augment: PreviewAugment, images: Tensor4D, seed: number): Tensor4D {
  if (augment instanceof Layer) return augment.apply(images, { training: true }) as Tensor4D;
  return typeof augment === 'function' ? augment(images, seed) : augment.augment(images, seed);
}

/**
 * `count` augmented versions of one `image` (`[h, w, c]`, pixels in [0, 255]) in a grid, as int32
 * pixels in [0, 255] (`[rows * (h + gap) - gap, columns * (w + gap) - gap, c]`), ready for a PNG or
 * a canvas. Disposes nothing it receives.
 */
export function augmentationGrid(image: Tensor3D, augment: PreviewAugment, options: PreviewOptions = {}): Tensor3D {
  checkOptions(OWNER, options, KNOWN);
  if (!(image instanceof tf.Tensor) || image.rank !== 3) {
    throw new LayerwiseError(`${OWNER}: \`image\` must be one image [height, width, channels]; received ${image instanceof tf.Tensor ? `shape ${formatShape(image.shape)}` : typeof image}`);
  }
  const count = checkInteger(OWNER, 'count', options.count ?? 4);
  const columns = checkInteger(OWNER, 'columns', options.columns ?? Math.min(count, 4));
  const gap = checkInteger(OWNER, 'gap', options.gap ?? 2, 0);
  const seed = checkInteger(OWNER, 'seed', options.seed ?? 0, 0);
  const [low, high] = checkPair(OWNER, 'valueRange', options.valueRange ?? [0, 255]);
  const rows = Math.ceil(count / columns);
  const c = image.shape[2];
  return tf.tidy(() => {
    const batch = tf.tile(tf.expandDims(tf.cast(image, 'float32'), 0), [count, 1, 1, 1]) as Tensor4D;
    const augmented = runAugment(augment, batch, seed);
    if (augmented.rank !== 4 || augmented.shape[0] !== count || augmented.shape[3] !== c) {
      throw new LayerwiseError(`${OWNER}: the augmentation returned shape ${formatShape(augmented.shape)} for a batch of shape ${formatShape(batch.shape)}`);
    }
    const [, ah, aw] = augmented.shape;
    const pixels = tf.clipByValue(tf.mul(tf.sub(augmented, low), 255 / (high - low || 1)), 0, 255);
    const padded = tf.pad(pixels, [[0, rows * columns - count], [0, gap], [0, gap], [0, 0]]);
    const grid = tf.reshape(tf.transpose(tf.reshape(padded, [rows, columns, ah + gap, aw + gap, c]), [0, 2, 1, 3, 4]), [rows * (ah + gap), columns * (aw + gap), c]);
    return tf.cast(tf.slice(grid, [0, 0, 0], [rows * (ah + gap) - gap, columns * (aw + gap) - gap, c]), 'int32') as Tensor3D;
  });
}
