import { BaseConv, type ConvArgs } from './base-conv.js';

/** Arguments of {@link Conv1D}. */
export interface Conv1DArgs extends Omit<ConvArgs, 'padding'> {
  /**
   * `'valid'` (default), `'same'`, or `'causal'`: zeros on the left only, so that output step `t`
   * sees inputs up to `t` (temporal models, WaveNet).
   */
  padding?: 'valid' | 'same' | 'causal';
}

/**
 * A 1D convolution over sequences (`[batch, steps, channels]`), kernel
 * `[kernelSize, channels / groups, filters]` as Keras stores it.
 *
 * @example
 * ```ts
 * sequential([conv1d({ filters: 16, kernelSize: 3, padding: 'causal', dilationRate: 2, inputShape: [100, 8] })]);
 * ```
 */
export class Conv1D extends BaseConv {
  static override readonly className = 'Conv1D';
  constructor(args: Conv1DArgs) {
    super(1, args);
  }
}

/** Creates a {@link Conv1D} layer. */
export const conv1d = (args: Conv1DArgs): Conv1D => new Conv1D(args);
