import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor3D } from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageDataGenerator } from './generator/image-data-generator.js';
import { randomFlip } from './layers/random-flip.js';
import { drawAugmentationPreview } from './preview/canvas.js';
import { augmentationGrid } from './preview/grid.js';
import { writeAugmentationPreview } from './preview/png.js';

beforeAll(async () => {
  await useBackend('cpu');
});

const gradient = () => tf.tidy(() => tf.cast(tf.tile(tf.reshape(tf.linspace(0, 255, 6), [1, 6, 1]), [4, 1, 3]), 'float32') as Tensor3D);

describe('preview', () => {
  it('lays out augmented versions of one image in a grid with gaps', () => {
    const image = gradient();
    const before = tf.memory().numTensors;
    const grid = augmentationGrid(image, randomFlip({ mode: 'horizontal', seed: 2 }), { count: 6, columns: 3, gap: 1 });
    expect(grid.shape).toEqual([2 * 5 - 1, 3 * 7 - 1, 3]);
    expect(grid.dtype).toBe('int32');
    const rows = grid.arraySync() as number[][][];
    // Every tile's first row is the gradient or its mirror; the gap column is 0.
    for (let tile = 0; tile < 3; tile++) {
      const first = rows[0]!.slice(tile * 7, tile * 7 + 6).map((p) => p[0]);
      expect([[0, 51, 102, 153, 204, 255], [255, 204, 153, 102, 51, 0]]).toContainEqual(first);
    }
    expect(rows[0]![6]).toEqual([0, 0, 0]);
    grid.dispose();
    expect(tf.memory().numTensors).toBe(before);
    image.dispose();
  });

  it('writes a PNG of the grid in Node (sharp)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'augment-preview-'));
    const image = gradient();
    const path = join(dir, 'preview.png');
    const gen = imageDataGenerator({ rotationRange: 40, zoomRange: 0.2, horizontalFlip: true, rescale: 1 / 255 });
    const size = await writeAugmentationPreview(path, image, gen, { count: 4, valueRange: [0, 1] });
    const meta = await sharp(path).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', size.width, size.height]);
    expect(size).toEqual({ width: 4 * 8 - 2, height: 4 });
    image.dispose();
    await rm(dir, { recursive: true });
  });

  it('draws the grid on a canvas (browsers; here a stand-in canvas and ImageData)', async () => {
    const drawn: { data: Uint8ClampedArray; width: number; height: number }[] = [];
    const canvas = { width: 0, height: 0, getContext: () => ({ putImageData: (image: (typeof drawn)[number]) => drawn.push(image) }) };
    const globals = globalThis as { ImageData?: unknown };
    const hadImageData = 'ImageData' in globals;
    globals.ImageData ??= class {
      constructor(readonly data: Uint8ClampedArray, readonly width: number, readonly height: number) {}
    };
    const image = gradient();
    try {
      await drawAugmentationPreview(canvas as unknown as HTMLCanvasElement, image, randomFlip({ seed: 1 }), { count: 2, gap: 0 });
    } finally {
      if (!hadImageData) delete globals.ImageData;
      image.dispose();
    }
    expect([canvas.width, canvas.height]).toEqual([12, 4]);
    expect(drawn).toHaveLength(1);
    expect(drawn[0]!.data.length).toBe(12 * 4 * 4);
    expect(drawn[0]!.data[3]).toBe(255);
  });
});
