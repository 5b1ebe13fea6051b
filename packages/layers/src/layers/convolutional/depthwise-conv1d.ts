import { BaseDepthwiseConv, type DepthwiseConvArgs } from './base-depthwise-conv.js';

/** Arguments of {@link DepthwiseConv1D}. */
export type DepthwiseConv1DArgs = DepthwiseConvArgs;

/**
 * A depthwise 1D convolution over sequences (`[batch, steps, channels]`), kernel
 * `[k, channels, depthMultiplier]`, output `[batch, steps', channels * depthMultiplier]`.
 *
 * @example
 * ```ts
 * depthwiseConv1d({ kernelSize: 5, depthMultiplier: 2, padding: 'same' });
 * ```
 */
export class DepthwiseConv1D extends BaseDepthwiseConv {
  static override readonly className = 'DepthwiseConv1D';
  constructor(args: DepthwiseConv1DArgs) {
    super(1, args);
  }
}

/** Creates a {@link DepthwiseConv1D} layer. */
export const depthwiseConv1d = (args: DepthwiseConv1DArgs): DepthwiseConv1D => new DepthwiseConv1D(args);
