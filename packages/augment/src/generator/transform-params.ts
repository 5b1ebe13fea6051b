import type { SeededRandom } from '@layerwise/core';
import { aboutCentre, compose, flip, rotation, shear, shift, zoom, type Matrix3 } from '../geometry/matrix.js';
import { uniform } from '../validate/ranges.js';
import type { ResolvedGeneratorOptions, ShiftRange } from './options.js';

/**
 * One image's random transformation, Keras' `get_random_transform` dictionary: `theta` and `shear`
 * in degrees, `tx` (rows) and `ty` (columns) in pixels, zoom factors `zx` (rows) and `zy` (columns),
 * flips, a channel shift and a brightness factor.
 */
export interface TransformParams {
  readonly theta: number;
  readonly tx: number;
  readonly ty: number;
  readonly shear: number;
  readonly zx: number;
  readonly zy: number;
  readonly flipHorizontal: boolean;
  readonly flipVertical: boolean;
  readonly channelShiftIntensity: number;
  /** Multiplies the pixels; `undefined` for no brightness change. */
  readonly brightness: number | undefined;
}

/** No change at all. */
export const NO_TRANSFORM: TransformParams = {
  theta: 0, tx: 0, ty: 0, shear: 0, zx: 1, zy: 1, flipHorizontal: false, flipVertical: false, channelShiftIntensity: 0, brightness: undefined,
};

function drawShift(range: ShiftRange, size: number, random: SeededRandom): number {
  switch (range.kind) {
    case 'none':
      return 0;
    case 'fraction':
      return uniform([-range.range, range.range], () => random.next()) * size;
    case 'pixels':
      // Keras: an int n gives np.random.choice(n) with a random sign, a whole number in (-n, n).
      return range.whole ? random.nextInt(range.range) * (random.next() < 0.5 ? -1 : 1) : uniform([-range.range, range.range], () => random.next());
    case 'choice': {
      const value = range.values[random.nextInt(range.values.length)]! * (random.next() < 0.5 ? -1 : 1);
      return range.fraction ? value * size : value;
    }
  }
}

/** Draws one image's {@link TransformParams} for a `height` x `width` image, as Keras does. */
export function drawTransformParams(o: ResolvedGeneratorOptions, height: number, width: number, random: SeededRandom): TransformParams {
  const next = () => random.next();
  const theta = o.rotationRange > 0 ? uniform([-o.rotationRange, o.rotationRange], next) : 0;
  const tx = drawShift(o.heightShift, height, random);
  const ty = drawShift(o.widthShift, width, random);
  const shearAngle = o.shearRange > 0 ? uniform([-o.shearRange, o.shearRange], next) : 0;
  const same = o.zoomRange[0] === 1 && o.zoomRange[1] === 1;
  const zx = same ? 1 : uniform(o.zoomRange, next);
  const zy = same ? 1 : uniform(o.zoomRange, next);
  return {
    theta,
    tx,
    ty,
    shear: shearAngle,
    zx,
    zy,
    flipHorizontal: o.horizontalFlip && next() < 0.5,
    flipVertical: o.verticalFlip && next() < 0.5,
    channelShiftIntensity: o.channelShiftRange > 0 ? uniform([-o.channelShiftRange, o.channelShiftRange], next) : 0,
    brightness: o.brightnessRange ? uniform(o.brightnessRange, next) : undefined,
  };
}

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/**
 * The geometry of `p` as one matrix about the image centre: Keras' rotation · shift · shear · zoom,
 * then the flips (which Keras applies after the affine transform).
 */
export function paramsMatrix(p: TransformParams, height: number, width: number): Matrix3 {
  const affine = compose(rotation(radians(p.theta)), shift(p.tx, p.ty), shear(radians(p.shear)), zoom(p.zx, p.zy));
  return aboutCentre(compose(affine, flip(p.flipHorizontal, p.flipVertical)), height, width);
}
