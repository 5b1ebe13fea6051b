import { checkNumber, checkOneOf } from '@layerwise/core';

/** How points outside the image are filled: Keras' `fill_mode`. */
export type FillMode = 'nearest' | 'constant' | 'reflect' | 'wrap';

/** How the input is sampled between pixels. */
export type Interpolation = 'bilinear' | 'nearest';

export const FILL_MODES: readonly FillMode[] = ['nearest', 'constant', 'reflect', 'wrap'];
export const INTERPOLATIONS: readonly Interpolation[] = ['bilinear', 'nearest'];

/** How a geometric augmentation samples its input. */
export interface Sampling {
  readonly fillMode: FillMode;
  /** The value of points outside the image with `fillMode: 'constant'`. */
  readonly fillValue: number;
  readonly interpolation: Interpolation;
}

/** Checks the sampling options, with their defaults; `fillValueName` is the option's name (`cval` or `fillValue`). */
export function resolveSampling(
  owner: string,
  given: { fillMode?: unknown; fillValue?: unknown; interpolation?: unknown },
  defaults: { fillMode: FillMode; fillValueName: string },
): Sampling {
  return {
    fillMode: checkOneOf(owner, 'fillMode', given.fillMode ?? defaults.fillMode, FILL_MODES),
    fillValue: checkNumber(owner, defaults.fillValueName, given.fillValue ?? 0),
    interpolation: checkOneOf(owner, 'interpolation', given.interpolation ?? 'bilinear', INTERPOLATIONS),
  };
}
