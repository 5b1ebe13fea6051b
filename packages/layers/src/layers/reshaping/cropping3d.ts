import { BaseCropping, type CroppingArgs } from './base-cropping.js';

/** Arguments of {@link Cropping3D}. */
export type Cropping3DArgs = CroppingArgs;

/**
 * Removes entries at the borders of volumes (`[batch, depth, height, width, channels]`). Default: 1 on every side.
 *
 * @example
 * ```ts
 * cropping3d({ cropping: [1, 2, 2] });
 * ```
 */
export class Cropping3D extends BaseCropping {
  static override readonly className = 'Cropping3D';
  constructor(args: Cropping3DArgs = {}) {
    super(3, args, 1);
  }
}

/** Creates a {@link Cropping3D} layer. */
export const cropping3d = (args: Cropping3DArgs = {}): Cropping3D => new Cropping3D(args);
