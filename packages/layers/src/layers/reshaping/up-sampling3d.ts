import { BaseUpSampling, type UpSamplingArgs } from './base-up-sampling.js';

/** Arguments of {@link UpSampling3D}. */
export type UpSampling3DArgs = UpSamplingArgs;

/**
 * Repeats each entry of a volume `size[i]` times along axis `i` (nearest-neighbour upsampling).
 *
 * @example
 * ```ts
 * upSampling3d({ size: [1, 2, 2] }); // (None, 4, 8, 8, 3) -> (None, 4, 16, 16, 3)
 * ```
 */
export class UpSampling3D extends BaseUpSampling {
  static override readonly className = 'UpSampling3D';
  constructor(args: UpSampling3DArgs = {}) {
    super(3, args);
  }
}

/** Creates an {@link UpSampling3D} layer. */
export const upSampling3d = (args: UpSampling3DArgs = {}): UpSampling3D => new UpSampling3D(args);
