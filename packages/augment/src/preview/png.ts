import type { Tensor3D } from '@tensorflow/tfjs-core';
import { LayerwiseError } from '@layerwise/core';
import { augmentationGrid, type PreviewAugment, type PreviewOptions } from './grid.js';

interface SharpLike {
  (input: Uint8Array, options: { raw: { width: number; height: number; channels: 1 | 2 | 3 | 4 } }): { png(): { toFile(path: string): Promise<unknown> } };
}

let sharpModule: Promise<SharpLike> | undefined;

function loadSharp(): Promise<SharpLike> {
  const specifier = 'sharp';
  sharpModule ??= import(/* @vite-ignore */ specifier).then(
    (m: { default: SharpLike }) => m.default,
    () => {
      sharpModule = undefined;
      throw new LayerwiseError("writing a preview PNG needs the 'sharp' package: npm install sharp");
    },
  );
  return sharpModule;
}

/**
 * Writes {@link augmentationGrid}'s grid of augmented versions of `image` to a PNG file (Node, with
 * the optional peer `sharp`), like the book's figure of augmented cats. Returns the grid's size.
 *
 * @example
 * ```ts
 * const gen = imageDataGenerator({ rotationRange: 40, widthShiftRange: 0.2, zoomRange: 0.2, horizontalFlip: true });
 * await writeAugmentationPreview('preview.png', catImage, gen, { count: 4 });
 * ```
 */
export async function writeAugmentationPreview(path: string, image: Tensor3D, augment: PreviewAugment, options: PreviewOptions = {}): Promise<{ width: number; height: number }> {
  const grid = augmentationGrid(image, augment, options);
  try {
    const [height, width, channels] = grid.shape;
    if (channels < 1 || channels > 4) throw new LayerwiseError(`writeAugmentationPreview: images must have 1 to 4 channels; received ${channels}`);
    const pixels = Uint8Array.from(await grid.data());
    const sharp = await loadSharp();
    await sharp(pixels, { raw: { width, height, channels: channels as 1 | 2 | 3 | 4 } }).png().toFile(path);
    return { width, height };
  } finally {
    grid.dispose();
  }
}
