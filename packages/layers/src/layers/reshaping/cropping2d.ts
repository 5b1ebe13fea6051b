import { BaseCropping, type CroppingArgs } from './base-cropping.js';

/** Arguments of {@link Cropping2D}. */
export type Cropping2DArgs = CroppingArgs;

/**
 * Removes rows and columns at the borders of channels-last images. Default: nothing.
 *
 * @example
 * ```ts
 * cropping2d({ cropping: [[2, 2], [4, 4]] }); // (None, 28, 28, 3) -> (None, 24, 20, 3)
 * ```
 */
export class Cropping2D extends BaseCropping {
  static override readonly className = 'Cropping2D';
  constructor(args: Cropping2DArgs = {}) {
    super(2, args, 0);
  }
}

/** Creates a {@link Cropping2D} layer. */
export const cropping2d = (args: Cropping2DArgs = {}): Cropping2D => new Cropping2D(args);
