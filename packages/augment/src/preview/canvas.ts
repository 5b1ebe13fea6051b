import * as tf from '@tensorflow/tfjs-core';
import type { Tensor3D } from '@tensorflow/tfjs-core';
import { augmentationGrid, type PreviewAugment, type PreviewOptions } from './grid.js';

/**
 * Draws {@link augmentationGrid}'s grid of augmented versions of `image` on a canvas (browsers;
 * `tf.browser.toPixels` sizes the canvas to the grid).
 *
 * @example
 * ```ts
 * await drawAugmentationPreview(document.querySelector('canvas')!, image, randomFlip({ seed: 1 }));
 * ```
 */
export async function drawAugmentationPreview(canvas: HTMLCanvasElement, image: Tensor3D, augment: PreviewAugment, options: PreviewOptions = {}): Promise<void> {
  const grid = augmentationGrid(image, augment, options);
  try {
    await tf.browser.toPixels(grid, canvas);
  } finally {
    grid.dispose();
  }
}
