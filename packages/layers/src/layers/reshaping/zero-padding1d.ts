import { BaseZeroPadding, type ZeroPaddingArgs } from './base-zero-padding.js';

/** Arguments of {@link ZeroPadding1D}. */
export type ZeroPadding1DArgs = ZeroPaddingArgs;

/**
 * Adds zeros at the start and end of a sequence (`[batch, steps, channels]`).
 *
 * @example
 * ```ts
 * zeroPadding1d({ padding: [2, 0] }); // 2 zero steps in front
 * ```
 */
export class ZeroPadding1D extends BaseZeroPadding {
  static override readonly className = 'ZeroPadding1D';
  constructor(args: ZeroPadding1DArgs = {}) {
    super(1, args);
  }
}

/** Creates a {@link ZeroPadding1D} layer. */
export const zeroPadding1d = (args: ZeroPadding1DArgs = {}): ZeroPadding1D => new ZeroPadding1D(args);
