import * as tf from '@tensorflow/tfjs-core';
import type { Tensor3D } from '@tensorflow/tfjs-core';
import { LayerwiseError } from '@layerwise/core';
import type { DecodeImageOptions, Interpolation } from './decode-image.js';
import { cropBox, cropToAspectRatio, padBox, padToAspectRatio, resizeArea, type RawImage } from './raw-image.js';

/** Canvas smoothing for each interpolation (browsers only offer these levels). */
const SMOOTHING: Record<Exclude<Interpolation, 'area'>, ImageSmoothingQuality | null> = {
  nearest: null,
  bilinear: 'low',
  bicubic: 'medium',
  mitchellcubic: 'medium',
  lanczos3: 'high',
};

function context(width: number, height: number): OffscreenCanvasRenderingContext2D {
  const ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new LayerwiseError('decoding images in this browser needs OffscreenCanvas 2D');
  return ctx;
}

/** The RGBA pixels of `bitmap` at full size. */
function pixelsOf(bitmap: ImageBitmap): RawImage<Uint8Array> {
  const ctx = context(bitmap.width, bitmap.height);
  ctx.drawImage(bitmap, 0, 0);
  const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: bitmap.width, height: bitmap.height, channels: 4 };
}

/** RGBA pixels drawn resized on a black canvas of the target size (stretched, centre-cropped or padded). */
function drawResized(bitmap: ImageBitmap, options: DecodeImageOptions): RawImage<Uint8Array> {
  const [height, width] = options.imageSize;
  const ctx = context(width, height);
  ctx.fillStyle = 'black';
  ctx.fillRect(0, 0, width, height);
  const smoothing = SMOOTHING[options.interpolation as Exclude<Interpolation, 'area'>];
  ctx.imageSmoothingEnabled = smoothing !== null;
  if (smoothing !== null) ctx.imageSmoothingQuality = smoothing;
  if (options.cropToAspectRatio) {
    const box = cropBox(bitmap, height, width);
    ctx.drawImage(bitmap, box.left, box.top, box.width, box.height, 0, 0, width, height);
  } else if (options.padToAspectRatio) {
    const pad = padBox(bitmap, height, width);
    const scaleX = width / pad.width;
    const scaleY = height / pad.height;
    ctx.drawImage(bitmap, pad.left * scaleX, pad.top * scaleY, bitmap.width * scaleX, bitmap.height * scaleY);
  } else {
    ctx.drawImage(bitmap, 0, 0, width, height);
  }
  const { data } = ctx.getImageData(0, 0, width, height);
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width, height, channels: 4 };
}

/** Keeps the channels `colorMode` asks for from RGBA values (grayscale: ITU-R 601 luma, as TensorFlow). */
function selectChannels(rgba: RawImage, options: DecodeImageOptions): Float32Array {
  const n = rgba.width * rgba.height;
  const channels = options.colorMode === 'grayscale' ? 1 : options.colorMode === 'rgba' ? 4 : 3;
  const out = new Float32Array(n * channels);
  for (let i = 0; i < n; i++) {
    const [r, g, b, a] = [rgba.data[i * 4]!, rgba.data[i * 4 + 1]!, rgba.data[i * 4 + 2]!, rgba.data[i * 4 + 3]!];
    if (channels === 1) out[i] = 0.2989 * r + 0.587 * g + 0.114 * b;
    else out.set(channels === 4 ? [r, g, b, a] : [r, g, b], i * channels);
  }
  return out;
}

/**
 * Decodes an image `Blob` (a `File` the user chose) in a browser with `createImageBitmap` and an
 * `OffscreenCanvas`: the same `[height, width, channels]` float32 tensor of values in [0, 255] as
 * `decodeImageFile` gives in Node. `'area'` is the same exact averaging as in Node; the other
 * interpolations use the canvas' smoothing (`'nearest'` none, `'bilinear'` low, `'bicubic'` and
 * `'mitchellcubic'` medium, `'lanczos3'` high), so their values differ slightly from sharp's.
 */
export async function decodeImageBlob(blob: Blob, source: string, options: DecodeImageOptions): Promise<Tensor3D> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image', premultiplyAlpha: 'none' });
  } catch (error) {
    throw new LayerwiseError(`cannot decode '${source}': ${(error as Error).message || String(error)}`);
  }
  try {
    const [height, width] = options.imageSize;
    let rgba: RawImage;
    if (options.interpolation === 'area') {
      const full = pixelsOf(bitmap);
      const fitted = options.cropToAspectRatio ? cropToAspectRatio(full, height, width) : options.padToAspectRatio ? padToAspectRatio(full, height, width) : full;
      rgba = resizeArea(fitted, { height, width });
    } else {
      rgba = drawResized(bitmap, options);
    }
    const values = selectChannels(rgba, options);
    return tf.tensor3d(values, [height, width, values.length / (height * width)], 'float32');
  } finally {
    bitmap.close();
  }
}
