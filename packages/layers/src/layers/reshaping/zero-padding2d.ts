import { BaseZeroPadding, type ZeroPaddingArgs } from './base-zero-padding.js';

/** Arguments of {@link ZeroPadding2D}. */
export type ZeroPadding2DArgs = ZeroPaddingArgs;

/**
 * Adds rows and columns of zeros around channels-last images.
 *
 * @example
 * ```ts
 * zeroPadding2d({ padding: [[1, 0], [1, 0]] }); // one row on top, one column on the left
 * ```
 */
export class ZeroPadding2D extends BaseZeroPadding {
  static override readonly className = 'ZeroPadding2D';
  constructor(args: ZeroPadding2DArgs = {}) {
    super(2, args);
  }
}

/** Creates a {@link ZeroPadding2D} layer. */
export const zeroPadding2d = (args: ZeroPadding2DArgs = {}): ZeroPadding2D => new ZeroPadding2D(args);
