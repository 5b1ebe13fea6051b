import * as tf from '@tensorflow/tfjs-core';
import type { Tensor3D } from '@tensorflow/tfjs-core';
import { LayerwiseError } from '@layerwise/core';

/** How images are resized. */
export type Interpolation = 'nearest' | 'bilinear' | 'bicubic' | 'lanczos3' | 'mitchellcubic';

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

const kernels: Record<Interpolation, string> = {
  nearest: 'nearest',
  bilinear: 'linear',
  bicubic: 'cubic',
  lanczos3: 'lanczos3',
  mitchellcubic: 'mitchell',
};

/** The interpolations `imageDatasetFromDirectory` accepts. */
export const INTERPOLATIONS = Object.keys(kernels) as Interpolation[];

interface SharpLike {
  (input: string, options?: { animated?: boolean; failOn?: string }): SharpLike;
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
      throw new LayerwiseError("imageDatasetFromDirectory: decoding images in Node needs the 'sharp' package: npm install sharp");
    },
  );
  return sharpModule;
}

/**
 * Decodes one image file (bmp, gif — first frame, jpeg including progressive, png) with sharp,
 * resizes it and returns a float32 `[height, width, channels]` tensor of values in [0, 255], as
 * Keras does. A file that cannot be decoded raises an error naming it.
 */
export async function decodeImageFile(file: string, options: DecodeImageOptions): Promise<Tensor3D> {
  const sharp = await loadSharp();
  const [height, width] = options.imageSize;
  const fit = options.cropToAspectRatio ? 'cover' : options.padToAspectRatio ? 'contain' : 'fill';
  let pipeline = sharp(file, { failOn: 'error' }).rotate();
  pipeline =
    options.colorMode === 'grayscale'
      ? pipeline.removeAlpha().toColourspace('b-w')
      : options.colorMode === 'rgba'
        ? pipeline.ensureAlpha()
        : pipeline.removeAlpha();
  pipeline = pipeline.resize({ width, height, fit, kernel: kernels[options.interpolation], background: { r: 0, g: 0, b: 0, alpha: 1 } });
  let result;
  try {
    result = await pipeline.raw().toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new LayerwiseError(`imageDatasetFromDirectory: cannot decode '${file}': ${(error as Error).message}`);
  }
  const channels = options.colorMode === 'grayscale' ? 1 : options.colorMode === 'rgba' ? 4 : 3;
  const { data, info } = result;
  if (info.channels !== channels || info.width !== width || info.height !== height) {
    throw new LayerwiseError(
      `imageDatasetFromDirectory: '${file}' decoded to ${info.width}x${info.height}x${info.channels}, expected ${width}x${height}x${channels}`,
    );
  }
  return tf.tensor3d(Float32Array.from(data), [height, width, channels], 'float32');
}
