import { BasePooling, type PoolingArgs } from './base-pooling.js';

/** Arguments of {@link MaxPooling3D}. */
export type MaxPooling3DArgs = PoolingArgs;

/**
 * The maximum over each window of a volume (`[batch, depth, height, width, channels]`).
 *
 * @example
 * ```ts
 * maxPooling3d({ poolSize: 2 }); // 16x16x16 -> 8x8x8
 * ```
 */
export class MaxPooling3D extends BasePooling {
  static override readonly className = 'MaxPooling3D';
  protected readonly mode = 'max';
  constructor(args: MaxPooling3DArgs = {}) {
    super(3, args);
  }
}

/** Creates a {@link MaxPooling3D} layer. */
export const maxPooling3d = (args: MaxPooling3DArgs = {}): MaxPooling3D => new MaxPooling3D(args);
