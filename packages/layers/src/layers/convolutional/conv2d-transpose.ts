import { BaseConvTranspose, type ConvTransposeArgs } from './base-conv-transpose.js';

/** Arguments of {@link Conv2DTranspose}. */
export type Conv2DTransposeArgs = ConvTransposeArgs;

/**
 * A transposed 2D convolution over channels-last images, kernel `[kh, kw, filters, channels]` as
 * Keras stores it: the upsampling half of encoder-decoder and generator networks.
 *
 * @example
 * ```ts
 * conv2dTranspose({ filters: 32, kernelSize: 3, strides: 2, padding: 'same' }); // 14x14 -> 28x28
 * ```
 */
export class Conv2DTranspose extends BaseConvTranspose {
  static override readonly className = 'Conv2DTranspose';
  constructor(args: Conv2DTransposeArgs) {
    super(2, args);
  }
}

/** Creates a {@link Conv2DTranspose} layer. */
export const conv2dTranspose = (args: Conv2DTransposeArgs): Conv2DTranspose => new Conv2DTranspose(args);
