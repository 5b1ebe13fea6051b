import { BaseDepthwiseConv, type DepthwiseConvArgs } from './base-depthwise-conv.js';

/** Arguments of {@link DepthwiseConv2D}. */
export type DepthwiseConv2DArgs = DepthwiseConvArgs;

/**
 * A depthwise 2D convolution over channels-last images, kernel `[kh, kw, channels, depthMultiplier]`,
 * output `channels * depthMultiplier` channels (the first half of MobileNet's blocks).
 *
 * @example
 * ```ts
 * depthwiseConv2d({ kernelSize: 3, strides: 2, padding: 'same' });
 * ```
 */
export class DepthwiseConv2D extends BaseDepthwiseConv {
  static override readonly className = 'DepthwiseConv2D';
  constructor(args: DepthwiseConv2DArgs) {
    super(2, args);
  }
}

/** Creates a {@link DepthwiseConv2D} layer. */
export const depthwiseConv2d = (args: DepthwiseConv2DArgs): DepthwiseConv2D => new DepthwiseConv2D(args);
