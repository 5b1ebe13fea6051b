import type { Tensor4D } from '@tensorflow/tfjs-core';
import { checkOptions, formatShape, invalidArgument } from '@layerwise/core';
import type { PixelImage } from '@layerwise/callbacks';
import { tileGrid, type TileGridOptions } from '../image/tile-grid.js';

/**
 * One pattern as an RGB tile, post-processed as Deep Learning with Python does: standardised over
 * the whole image, scaled by 0.15 around mid-grey, clipped. Grey patterns (1 channel) are drawn grey.
 */
function patternTile(values: Float32Array, height: number, width: number, channels: number): PixelImage {
  const n = height * width;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  const std = Math.sqrt(squares / values.length) + 1e-5;
  const data = new Uint8Array(n * 3);
  for (let p = 0; p < n; p++) {
    for (let c = 0; c < 3; c++) {
      const v = values[p * channels + (channels === 3 ? c : 0)]!;
      data[p * 3 + c] = Math.round(Math.min(1, Math.max(0, ((v - mean) / std) * 0.15 + 0.5)) * 255);
    }
  }
  return { width, height, channels: 3, data };
}

/**
 * The patterns found by {@link filterPatterns} (or any batch of images, `[n, height, width, 1 | 3]`)
 * as a grid of tiles, each standardised for display; 8 per row by default.
 */
export async function filterGrid(patterns: Tensor4D, options: TileGridOptions = {}): Promise<PixelImage> {
  checkOptions('filterGrid', options, ['columns', 'padding', 'scale', 'background']);
  const shape = patterns?.shape;
  if (!Array.isArray(shape) || shape.length !== 4 || (shape[3] !== 1 && shape[3] !== 3)) {
    throw invalidArgument({ owner: 'filterGrid', argument: 'patterns', expected: 'images of shape [n, height, width, 1 or 3]', received: Array.isArray(shape) ? formatShape(shape) : patterns });
  }
  const [count, height, width, channels] = shape;
  const values = (await patterns.data()) as Float32Array;
  const size = height * width * channels;
  const tiles = Array.from({ length: count }, (_, i) => patternTile(values.subarray(i * size, (i + 1) * size), height, width, channels));
  return tileGrid('filterGrid', tiles, { columns: 8, padding: 2, ...options });
}
