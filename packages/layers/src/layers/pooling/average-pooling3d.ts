import { BasePooling, type PoolingArgs } from './base-pooling.js';

/** Arguments of {@link AveragePooling3D}. */
export type AveragePooling3DArgs = PoolingArgs;

/**
 * The mean over each window of a volume (`[batch, depth, height, width, channels]`); with `'same'`
 * padding, the mean of the window's elements inside the input.
 *
 * @example
 * ```ts
 * averagePooling3d({ poolSize: [1, 2, 2] });
 * ```
 */
export class AveragePooling3D extends BasePooling {
  static override readonly className = 'AveragePooling3D';
  protected readonly mode = 'avg';
  constructor(args: AveragePooling3DArgs = {}) {
    super(3, args);
  }
}

/** Creates an {@link AveragePooling3D} layer. */
export const averagePooling3d = (args: AveragePooling3DArgs = {}): AveragePooling3D => new AveragePooling3D(args);
