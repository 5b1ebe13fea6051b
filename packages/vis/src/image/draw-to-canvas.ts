import { invalidArgument } from '@layerwise/core';
import type { PixelImage } from '@layerwise/callbacks';

/** The part of a canvas used here (an `HTMLCanvasElement` or an `OffscreenCanvas`). */
export interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): { putImageData(data: ImageData, dx: number, dy: number): void } | null;
}

/**
 * Shows pixels (an activation grid, a filter grid, a heatmap overlay) on a canvas in a browser:
 * the canvas is resized to the image and the pixels are put as they are.
 *
 * @example
 * ```ts
 * drawToCanvas(await activationGrid(activation), document.querySelector('canvas')!);
 * ```
 */
export function drawToCanvas(image: PixelImage, canvas: CanvasLike): void {
  const context = canvas?.getContext?.('2d');
  if (!context) throw invalidArgument({ owner: 'drawToCanvas', argument: 'canvas', expected: 'a canvas with a 2D context', received: canvas });
  const { width, height, channels, data } = image;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const grey = channels < 3;
    rgba[p * 4] = data[p * channels]!;
    rgba[p * 4 + 1] = data[p * channels + (grey ? 0 : 1)]!;
    rgba[p * 4 + 2] = data[p * channels + (grey ? 0 : 2)]!;
    rgba[p * 4 + 3] = channels === 2 || channels === 4 ? data[p * channels + channels - 1]! : 255;
  }
  canvas.width = width;
  canvas.height = height;
  context.putImageData(new ImageData(rgba, width, height), 0, 0);
}
