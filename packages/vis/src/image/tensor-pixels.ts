import type { Tensor } from '@tensorflow/tfjs-core';
import { formatShape, invalidArgument } from '@layerwise/core';
import type { PixelImage } from '@layerwise/callbacks';

/**
 * The images of a batch (`[n, height, width, 1 or 3]`) as RGB pixels: values read as [0, 255] when
 * any exceeds 1, else as [0, 1]; grey images are drawn grey.
 */
export async function batchToPixels(owner: string, argument: string, images: Tensor): Promise<PixelImage[]> {
  const shape = images?.shape;
  if (!Array.isArray(shape) || shape.length !== 4 || (shape[3] !== 1 && shape[3] !== 3)) {
    throw invalidArgument({ owner, argument, expected: 'images of shape [n, height, width, 1 or 3]', received: Array.isArray(shape) ? formatShape(shape) : images });
  }
  const [count, height, width, channels] = shape as [number, number, number, number];
  const values = await images.data();
  let max = 0;
  for (const v of values) if (v > max) max = v;
  const factor = max > 1 ? 1 : 255;
  const size = height * width;
  return Array.from({ length: count }, (_, n) => {
    const data = new Uint8Array(size * 3);
    for (let p = 0; p < size; p++) {
      for (let c = 0; c < 3; c++) {
        const v = values[(n * size + p) * channels + (channels === 3 ? c : 0)]! * factor;
        data[p * 3 + c] = Math.round(Math.min(255, Math.max(0, v)));
      }
    }
    return { width, height, channels: 3, data };
  });
}
