import { checkBoolean, checkInteger, checkOneOf, invalidArgument } from '@layerwise/core';
import { INTERPOLATIONS, type ColorMode, type Interpolation } from './decode-image.js';

/** The options `imageDatasetFromDirectory` and `flowFromDirectory` share, as given. */
export interface CommonImageOptions {
  colorMode?: ColorMode;
  batchSize?: number | null;
  shuffle?: boolean;
  seed?: number;
  interpolation?: Interpolation;
  followLinks?: boolean;
  onError?: 'error' | 'skip';
  concurrency?: number;
}

/** The shared options, checked, with defaults. */
export interface ResolvedCommonOptions {
  readonly colorMode: ColorMode;
  readonly batchSize: number | null;
  readonly shuffle: boolean;
  readonly seed: number | undefined;
  readonly interpolation: Interpolation;
  readonly followLinks: boolean;
  readonly onError: 'error' | 'skip';
  readonly concurrency: number;
}

/** Checks an image size option: two positive integers, `[height, width]`. */
export function checkImageSize(owner: string, argument: string, value: unknown): [number, number] {
  if (!Array.isArray(value) || value.length !== 2 || !value.every((d) => Number.isInteger(d) && d > 0)) {
    throw invalidArgument({ owner, argument, expected: 'two positive integers, [height, width]', received: value });
  }
  return [value[0], value[1]];
}

/** Checks the shared options; `defaultInterpolation` differs (Keras 3: bilinear, Keras 2: nearest). */
export function resolveCommonOptions(owner: string, options: CommonImageOptions, defaultInterpolation: Interpolation): ResolvedCommonOptions {
  const seed = options.seed;
  if (seed !== undefined && !Number.isInteger(seed)) throw invalidArgument({ owner, argument: 'seed', expected: 'an integer', received: seed });
  return {
    colorMode: checkOneOf<ColorMode>(owner, 'colorMode', options.colorMode ?? 'rgb', ['grayscale', 'rgb', 'rgba']),
    batchSize: options.batchSize === null ? null : checkInteger(owner, 'batchSize', options.batchSize ?? 32),
    shuffle: checkBoolean(owner, 'shuffle', options.shuffle ?? true),
    seed,
    interpolation: checkOneOf(owner, 'interpolation', options.interpolation ?? defaultInterpolation, INTERPOLATIONS),
    followLinks: checkBoolean(owner, 'followLinks', options.followLinks ?? false),
    onError: checkOneOf(owner, 'onError', options.onError ?? 'error', ['error', 'skip'] as const),
    concurrency: checkInteger(owner, 'concurrency', options.concurrency ?? 4),
  };
}
