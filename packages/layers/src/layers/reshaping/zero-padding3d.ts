import { BaseZeroPadding, type ZeroPaddingArgs } from './base-zero-padding.js';

/** Arguments of {@link ZeroPadding3D}. */
export type ZeroPadding3DArgs = ZeroPaddingArgs;

/**
 * Adds zeros around volumes (`[batch, depth, height, width, channels]`).
 *
 * @example
 * ```ts
 * zeroPadding3d({ padding: 1 });
 * ```
 */
export class ZeroPadding3D extends BaseZeroPadding {
  static override readonly className = 'ZeroPadding3D';
  constructor(args: ZeroPadding3DArgs = {}) {
    super(3, args);
  }
}

/** Creates a {@link ZeroPadding3D} layer. */
export const zeroPadding3d = (args: ZeroPadding3DArgs = {}): ZeroPadding3D => new ZeroPadding3D(args);
