import { BaseSeparableConv, type SeparableConvArgs } from './base-separable-conv.js';

/** Arguments of {@link SeparableConv2D}. */
export type SeparableConv2DArgs = SeparableConvArgs;

/**
 * A depthwise separable 2D convolution over channels-last images: a depthwise convolution (kernel
 * `[kh, kw, channels, depthMultiplier]`) then a pointwise one (kernel `[1, 1, channels * depthMultiplier, filters]`),
 * as in Xception.
 *
 * @example
 * ```ts
 * separableConv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' });
 * ```
 */
export class SeparableConv2D extends BaseSeparableConv {
  static override readonly className = 'SeparableConv2D';
  constructor(args: SeparableConv2DArgs) {
    super(2, args);
  }
}

/** Creates a {@link SeparableConv2D} layer. */
export const separableConv2d = (args: SeparableConv2DArgs): SeparableConv2D => new SeparableConv2D(args);
