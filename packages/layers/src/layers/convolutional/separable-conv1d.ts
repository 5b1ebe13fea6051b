import { BaseSeparableConv, type SeparableConvArgs } from './base-separable-conv.js';

/** Arguments of {@link SeparableConv1D}. */
export type SeparableConv1DArgs = SeparableConvArgs;

/**
 * A depthwise separable 1D convolution over sequences: a depthwise convolution (kernel
 * `[k, channels, depthMultiplier]`) then a pointwise one (kernel `[1, channels * depthMultiplier, filters]`).
 *
 * @example
 * ```ts
 * separableConv1d({ filters: 32, kernelSize: 5, padding: 'same', inputShape: [100, 16] });
 * ```
 */
export class SeparableConv1D extends BaseSeparableConv {
  static override readonly className = 'SeparableConv1D';
  constructor(args: SeparableConv1DArgs) {
    super(1, args);
  }
}

/** Creates a {@link SeparableConv1D} layer. */
export const separableConv1d = (args: SeparableConv1DArgs): SeparableConv1D => new SeparableConv1D(args);
