import { BaseConvTranspose, type ConvTransposeArgs } from './base-conv-transpose.js';

/** Arguments of {@link Conv3DTranspose}. */
export type Conv3DTransposeArgs = ConvTransposeArgs;

/**
 * A transposed 3D convolution over volumes (`[batch, depth, height, width, channels]`), kernel
 * `[kd, kh, kw, filters, channels]` as Keras stores it. tfjs-core's own `conv3dTranspose` has no
 * gradient, so this one convolves the input spread out with zeros by the flipped kernel: the same
 * result, differentiable, at about `stride³` times the arithmetic of a direct implementation.
 *
 * @example
 * ```ts
 * conv3dTranspose({ filters: 4, kernelSize: 3, strides: 2, padding: 'same' }); // 8x8x8 -> 16x16x16
 * ```
 */
export class Conv3DTranspose extends BaseConvTranspose {
  static override readonly className = 'Conv3DTranspose';
  constructor(args: Conv3DTransposeArgs) {
    super(3, args);
  }
}

/** Creates a {@link Conv3DTranspose} layer. */
export const conv3dTranspose = (args: Conv3DTransposeArgs): Conv3DTranspose => new Conv3DTranspose(args);
