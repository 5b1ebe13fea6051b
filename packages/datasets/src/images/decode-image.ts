import * as tf from '@tensorflow/tfjs-core';
import type { Tensor3D } from '@tensorflow/tfjs-core';
import { LayerwiseError } from '@layerwise/core';
import { decodeBmp, isBmp } from './bmp.js';
import { cropToAspectRatio, padToAspectRatio, resizeArea, type RawImage } from './raw-image.js';

/**
 * How images are resized (Keras' names): `'area'` averages the pixels each output pixel covers
 * (in JavaScript, after a full-size decode); the others are sharp's kernels (`'bilinear'` linear,
 * `'bicubic'` cubic, `'lanczos3'`, `'mitchellcubic'` Mitchell, `'nearest'`).
 */
export type Interpolation = 'nearest' | 'bilinear' | 'bicubic' | 'area' | 'lanczos3' | 'mitchellcubic';

/** Channels of the decoded image. */
export type ColorMode = 'grayscale' | 'rgb' | 'rgba';

/** Options of {@link decodeImageFile}. */
export interface DecodeImageOptions {
  /** `[height, width]` of the result. */
  imageSize: readonly [number, number];
  colorMode: ColorMode;
  interpolation: Interpolation;
  /** Centre-crop to the target aspect ratio before resizing (else the image is stretched). */
  cropToAspectRatio: boolean;
  /** Pad with black to the target aspect ratio before resizing. */
  padToAspectRatio: boolean;
}

const kernels: Record<Exclude<Interpolation, 'area'>, string> = {
  nearest: 'nearest',
  bilinear: 'linear',
  bicubic: 'cubic',
  lanczos3: 'lanczos3',
  mitchellcubic: 'mitchell',
};

/** The interpolations `imageDatasetFromDirectory` accepts. */
export const INTERPOLATIONS: readonly Interpolation[] = ['bilinear', 'nearest', 'bicubic', 'area', 'lanczos3', 'mitchellcubic'];

interface SharpLike {
  (input: Uint8Array, options?: { failOn?: string; raw?: { width: number; height: number; channels: number } }): SharpLike;
  rotate(): SharpLike;
  removeAlpha(): SharpLike;
  ensureAlpha(): SharpLike;
  toColourspace(space: string): SharpLike;
  resize(options: { width: number; height: number; fit: string; kernel: string; background?: { r: number; g: number; b: number; alpha: number } }): SharpLike;
  raw(): SharpLike;
  toBuffer(options: { resolveWithObject: true }): Promise<{ data: Uint8Array; info: { width: number; height: number; channels: number } }>;
}

let sharpModule: Promise<SharpLike> | undefined;

async function loadSharp(): Promise<SharpLike> {
  const specifier = 'sharp';
  sharpModule ??= import(/* @vite-ignore */ specifier).then(
    (m: { default: SharpLike }) => m.default,
    () => {
      sharpModule = undefined;
      throw new LayerwiseError("decoding images in Node needs the 'sharp' package: npm install sharp");
    },
  );
  return sharpModule;
}

/** Runs a sharp pipeline to raw pixels, naming the file when it cannot be decoded. */
async function toRaw(file: string, pipeline: SharpLike): Promise<RawImage<Uint8Array>> {
  try {
    const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: info.channels };
  } catch (error) {
    throw new LayerwiseError(`cannot decode '${file}': ${(error as Error).message}`);
  }
}

/** `'area'`: the full-size pixels, cropped or padded to the aspect ratio, then averaged down (or up). */
function areaResize(image: RawImage<Uint8Array>, options: DecodeImageOptions): RawImage<Float32Array> {
  const [height, width] = options.imageSize;
  const fitted = options.cropToAspectRatio
    ? cropToAspectRatio(image, height, width)
    : options.padToAspectRatio
      ? padToAspectRatio(image, height, width)
      : image;
  return resizeArea(fitted, { height, width });
}

/**
 * Decodes one image file (bmp — uncompressed, read in JavaScript —, gif — first frame —, jpeg
 * including progressive, png) with sharp,
 * resizes it and returns a float32 `[height, width, channels]` tensor of values in [0, 255], as
 * Keras does. A file that cannot be decoded, truncated ones included, raises a `LayerwiseError`
 * naming it.
 */
export async function decodeImageFile(file: string, options: DecodeImageOptions): Promise<Tensor3D> {
  const { readFile } = await import('node:fs/promises');
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new LayerwiseError(`cannot read '${file}': ${(error as Error).message}`);
  }
  return decodeImageBytes(bytes, file, options);
}

/** {@link decodeImageFile} for bytes already read; `source` names them in errors. */
export async function decodeImageBytes(bytes: Uint8Array, source: string, options: DecodeImageOptions): Promise<Tensor3D> {
  const file = source;
  const sharp = await loadSharp();
  const [height, width] = options.imageSize;
  const bmp = isBmp(bytes) ? decodeBmp(bytes, source) : undefined;
  let pipeline = (bmp ? sharp(bmp.data, { raw: bmp }) : sharp(bytes, { failOn: 'truncated' }).rotate());
  pipeline =
    options.colorMode === 'grayscale'
      ? pipeline.removeAlpha().toColourspace('b-w')
      : options.colorMode === 'rgba'
        ? pipeline.ensureAlpha()
        : pipeline.removeAlpha();
  let pixels: RawImage;
  if (options.interpolation === 'area') {
    pixels = areaResize(await toRaw(file, pipeline), options);
  } else {
    const fit = options.cropToAspectRatio ? 'cover' : options.padToAspectRatio ? 'contain' : 'fill';
    pipeline = pipeline.resize({ width, height, fit, kernel: kernels[options.interpolation], background: { r: 0, g: 0, b: 0, alpha: 1 } });
    pixels = await toRaw(file, pipeline);
  }
  const channels = options.colorMode === 'grayscale' ? 1 : options.colorMode === 'rgba' ? 4 : 3;
  if (pixels.channels !== channels || pixels.width !== width || pixels.height !== height) {
    throw new LayerwiseError(`'${file}' decoded to ${pixels.width}x${pixels.height}x${pixels.channels}, expected ${width}x${height}x${channels}`);
  }
  return tf.tensor3d(pixels.data instanceof Float32Array ? pixels.data : Float32Array.from(pixels.data), [height, width, channels], 'float32');
}
