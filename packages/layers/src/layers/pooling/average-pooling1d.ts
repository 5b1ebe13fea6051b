import { BasePooling, type PoolingArgs } from './base-pooling.js';

/** Arguments of {@link AveragePooling1D}. */
export type AveragePooling1DArgs = PoolingArgs;

/**
 * The mean over each window of a sequence (`[batch, steps, channels]`); with `'same'` padding, the mean
 * of the window's elements inside the input.
 *
 * @example
 * ```ts
 * averagePooling1d({ poolSize: 3, strides: 1, padding: 'same' });
 * ```
 */
export class AveragePooling1D extends BasePooling {
  static override readonly className = 'AveragePooling1D';
  protected readonly mode = 'avg';
  constructor(args: AveragePooling1DArgs = {}) {
    super(1, args);
  }
}

/** Creates an {@link AveragePooling1D} layer. */
export const averagePooling1d = (args: AveragePooling1DArgs = {}): AveragePooling1D => new AveragePooling1D(args);
