import { BaseConvTranspose, type ConvTransposeArgs } from './base-conv-transpose.js';

/** Arguments of {@link Conv1DTranspose}. */
export type Conv1DTransposeArgs = ConvTransposeArgs;

/**
 * A transposed 1D convolution over sequences (`[batch, steps, channels]`), kernel
 * `[k, filters, channels]` as Keras stores it: upsamples the steps by the stride.
 *
 * @example
 * ```ts
 * conv1dTranspose({ filters: 8, kernelSize: 4, strides: 2, padding: 'same' }); // 50 steps -> 100 steps
 * ```
 */
export class Conv1DTranspose extends BaseConvTranspose {
  static override readonly className = 'Conv1DTranspose';
  constructor(args: Conv1DTransposeArgs) {
    super(1, args);
  }
}

/** Creates a {@link Conv1DTranspose} layer. */
export const conv1dTranspose = (args: Conv1DTransposeArgs): Conv1DTranspose => new Conv1DTranspose(args);
