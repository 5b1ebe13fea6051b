import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import { checkNumber, checkOptions, formatShape, invalidArgument } from '@layerwise/core';
import type { PixelImage } from '@layerwise/callbacks';
import { applyColormap, colormapTable, type ColormapName } from '../image/colormap.js';

/** Options of {@link heatmapOverlay}. */
export interface HeatmapOverlayOptions {
  /** Opacity of the heatmap over the image (default 0.4, as Deep Learning with Python). */
  alpha?: number;
  /** Colour map of the heatmap (default `'turbo'`, a jet-like map). */
  colormap?: ColormapName;
}

function checkImage(image: Tensor): [number, number, number] {
  const shape = image?.shape;
  const hwc = Array.isArray(shape) && shape.length === 4 && shape[0] === 1 ? shape.slice(1) : shape;
  if (!Array.isArray(hwc) || hwc.length !== 3 || (hwc[2] !== 1 && hwc[2] !== 3)) {
    throw invalidArgument({ owner: 'heatmapOverlay', argument: 'image', expected: 'one image, [height, width, 1 or 3] (or with a batch of 1)', received: Array.isArray(shape) ? formatShape(shape) : image });
  }
  return hwc as [number, number, number];
}

/**
 * A heatmap (values in [0, 1], any size, such as a Grad-CAM heatmap) enlarged bilinearly to the
 * image's size, coloured, and blended over the image: `(1 - alpha) * image + alpha * colour`. The
 * image's values are read as [0, 255] when any exceeds 1, else as [0, 1]. Returns RGB pixels.
 */
export async function heatmapOverlay(image: Tensor, heatmap: Tensor2D, options: HeatmapOverlayOptions = {}): Promise<PixelImage> {
  checkOptions('heatmapOverlay', options, ['alpha', 'colormap']);
  const alpha = checkNumber('heatmapOverlay', 'alpha', options.alpha ?? 0.4, { min: 0, max: 1 });
  const table = colormapTable('heatmapOverlay', options.colormap ?? 'turbo');
  const [height, width, channels] = checkImage(image);
  if (heatmap?.rank !== 2) throw invalidArgument({ owner: 'heatmapOverlay', argument: 'heatmap', expected: 'a [height, width] tensor', received: Array.isArray(heatmap?.shape) ? formatShape(heatmap.shape) : heatmap });
  const [pixels, heat] = tf.tidy(() => {
    const rgb = tf.reshape(image, [height, width, channels]);
    const scaled = tf.mul(channels === 1 ? tf.tile(rgb, [1, 1, 3]) : rgb, tf.max(rgb).dataSync()[0]! > 1 ? 1 : 255);
    const big = tf.image.resizeBilinear(tf.reshape(heatmap, [1, ...heatmap.shape, 1]) as tf.Tensor4D, [height, width]);
    return [scaled, tf.reshape(big, [-1])];
  });
  try {
    const [base, heatValues] = await Promise.all([pixels.data(), heat.data()]);
    const colours = applyColormap(heatValues, table);
    const data = new Uint8Array(height * width * 3);
    for (let i = 0; i < data.length; i++) data[i] = Math.round(Math.min(255, Math.max(0, (1 - alpha) * base[i]! + alpha * colours[i]!)));
    return { width, height, channels: 3, data };
  } finally {
    tf.dispose([pixels, heat]);
  }
}
