import { checkBoolean, checkInteger, checkNumber, checkOptions, invalidArgument, LayerwiseError } from '@layerwise/core';
import { resolveSampling, type FillMode, type Interpolation, type Sampling } from '../geometry/fill-mode.js';
import { checkPair, type Range } from '../validate/ranges.js';

/** Options of {@link imageDataGenerator}: Keras' `ImageDataGenerator` arguments in camelCase. */
export interface ImageDataGeneratorOptions {
  /** Subtract the dataset's per-channel mean (from {@link ImageDataGenerator.fit}). */
  featurewiseCenter?: boolean;
  /** Subtract each image's own mean. */
  samplewiseCenter?: boolean;
  /** Divide by the dataset's per-channel standard deviation (from `fit`; turns `featurewiseCenter` on, as Keras does). */
  featurewiseStdNormalization?: boolean;
  /** Divide each image by its own standard deviation (turns `samplewiseCenter` on, as Keras does). */
  samplewiseStdNormalization?: boolean;
  /** Degrees: each image is turned by an angle drawn uniformly from `[-rotationRange, rotationRange]`. */
  rotationRange?: number;
  /**
   * Horizontal shift: a number below 1 is a fraction of the width (drawn from `[-r, r]`); a whole
   * number of at least 1 is pixels (a whole number drawn from `(-r, r)`); another number of at least
   * 1 is pixels drawn uniformly from `[-r, r]`; a list gives one of its values with a random sign.
   */
  widthShiftRange?: number | readonly number[];
  /** Vertical shift, as {@link widthShiftRange} (fractions of the height). */
  heightShiftRange?: number | readonly number[];
  /** Each image's pixels are multiplied by a factor drawn from `[low, high]` (then kept in [0, 255]). */
  brightnessRange?: readonly [number, number];
  /** Degrees: shear angle drawn from `[-shearRange, shearRange]` (counter-clockwise). */
  shearRange?: number;
  /**
   * Zoom factor drawn from `[1 - z, 1 + z]` for a number `z`, or from `[low, high]`; height and width
   * draw separately. Factors above 1 zoom out, below 1 zoom in (Keras' convention); 0 is not a zoom.
   */
  zoomRange?: number | readonly [number, number];
  /** A value drawn from `[-r, r]` is added to every channel, clipped to the image's own range. */
  channelShiftRange?: number;
  /** Points outside the image: `'nearest'` (default), `'constant'` (`cval`), `'reflect'` or `'wrap'`. */
  fillMode?: FillMode;
  /** The value outside the image with `fillMode: 'constant'`. Default 0. */
  cval?: number;
  /** Mirror half of the images left to right. */
  horizontalFlip?: boolean;
  /** Mirror half of the images top to bottom. */
  verticalFlip?: boolean;
  /** Multiplies the pixels after augmentation and before the normalisations (`1 / 255`). */
  rescale?: number;
  /** Sampling between pixels: `'bilinear'` (default, Keras' order 1) or `'nearest'`. */
  interpolation?: Interpolation;
  /** Seed of every random draw, so that the same seed gives the same images. */
  seed?: number;
}

/** A shift option, resolved. */
export type ShiftRange =
  | { readonly kind: 'none' }
  | { readonly kind: 'fraction'; readonly range: number }
  | { readonly kind: 'pixels'; readonly range: number; readonly whole: boolean }
  | { readonly kind: 'choice'; readonly values: readonly number[]; readonly fraction: boolean };

/** The checked options with Keras' implications applied. */
export interface ResolvedGeneratorOptions {
  readonly featurewiseCenter: boolean;
  readonly samplewiseCenter: boolean;
  readonly featurewiseStdNormalization: boolean;
  readonly samplewiseStdNormalization: boolean;
  readonly rotationRange: number;
  readonly widthShift: ShiftRange;
  readonly heightShift: ShiftRange;
  readonly brightnessRange: Range | undefined;
  readonly shearRange: number;
  readonly zoomRange: Range;
  readonly channelShiftRange: number;
  readonly horizontalFlip: boolean;
  readonly verticalFlip: boolean;
  readonly rescale: number | undefined;
  readonly sampling: Sampling;
  readonly seed: number | undefined;
}

export const OWNER = 'imageDataGenerator';

const KNOWN = [
  'featurewiseCenter', 'samplewiseCenter', 'featurewiseStdNormalization', 'samplewiseStdNormalization', 'rotationRange',
  'widthShiftRange', 'heightShiftRange', 'brightnessRange', 'shearRange', 'zoomRange', 'channelShiftRange', 'fillMode', 'cval',
  'horizontalFlip', 'verticalFlip', 'rescale', 'interpolation', 'seed',
] as const;

function checkShift(argument: string, value: unknown): ShiftRange {
  if (value === undefined || value === 0) return { kind: 'none' };
  if (Array.isArray(value)) {
    if (value.length === 0 || !value.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0)) {
      throw invalidArgument({ owner: OWNER, argument, expected: 'a non-negative number or a non-empty list of non-negative numbers', received: value });
    }
    return { kind: 'choice', values: [...value], fraction: Math.max(...value) < 1 };
  }
  const range = checkNumber(OWNER, argument, value, { min: 0 });
  if (range < 1) return { kind: 'fraction', range };
  return { kind: 'pixels', range, whole: Number.isInteger(range) };
}

function checkZoom(value: unknown): Range {
  if (value === undefined) return [1, 1];
  if (typeof value === 'number') {
    const z = checkNumber(OWNER, 'zoomRange', value, { min: 0, max: 1, maxExclusive: true });
    return [1 - z, 1 + z];
  }
  return checkPair(OWNER, 'zoomRange', value, { min: 0, minExclusive: true });
}

/** Checks {@link ImageDataGeneratorOptions}; errors name the option and the value received. */
export function resolveGeneratorOptions(options: ImageDataGeneratorOptions): ResolvedGeneratorOptions {
  checkOptions(OWNER, options, KNOWN);
  const flag = (name: keyof ImageDataGeneratorOptions) => checkBoolean(OWNER, name, options[name] ?? false);
  const featurewiseStdNormalization = flag('featurewiseStdNormalization');
  const samplewiseStdNormalization = flag('samplewiseStdNormalization');
  const nonNegative = (name: keyof ImageDataGeneratorOptions) => checkNumber(OWNER, name, options[name] ?? 0, { min: 0 });
  if (options.seed !== undefined) checkInteger(OWNER, 'seed', options.seed, 0);
  if (options.rescale !== undefined && (options.rescale as unknown) === 0) {
    throw new LayerwiseError(`${OWNER}: received an invalid value for \`rescale\`, expected a non-zero number (leave it out for no rescaling). Received: rescale=0`);
  }
  return {
    featurewiseCenter: flag('featurewiseCenter') || featurewiseStdNormalization,
    samplewiseCenter: flag('samplewiseCenter') || samplewiseStdNormalization,
    featurewiseStdNormalization,
    samplewiseStdNormalization,
    rotationRange: nonNegative('rotationRange'),
    widthShift: checkShift('widthShiftRange', options.widthShiftRange),
    heightShift: checkShift('heightShiftRange', options.heightShiftRange),
    brightnessRange: options.brightnessRange === undefined ? undefined : checkPair(OWNER, 'brightnessRange', options.brightnessRange, { min: 0 }),
    shearRange: nonNegative('shearRange'),
    zoomRange: checkZoom(options.zoomRange),
    channelShiftRange: nonNegative('channelShiftRange'),
    horizontalFlip: flag('horizontalFlip'),
    verticalFlip: flag('verticalFlip'),
    rescale: options.rescale === undefined ? undefined : checkNumber(OWNER, 'rescale', options.rescale),
    sampling: resolveSampling(OWNER, { fillMode: options.fillMode, fillValue: options.cval, interpolation: options.interpolation }, { fillMode: 'nearest', fillValueName: 'cval' }),
    seed: options.seed,
  };
}

/** Whether the options ask for any random change (a generator without them only standardises). */
export function augments(o: ResolvedGeneratorOptions): boolean {
  return (
    o.rotationRange > 0 || o.widthShift.kind !== 'none' || o.heightShift.kind !== 'none' || o.brightnessRange !== undefined ||
    o.shearRange > 0 || o.zoomRange[0] !== 1 || o.zoomRange[1] !== 1 || o.channelShiftRange > 0 || o.horizontalFlip || o.verticalFlip
  );
}
