import { BasePooling, type PoolingArgs } from './base-pooling.js';

/** Arguments of {@link MaxPooling1D}. */
export type MaxPooling1DArgs = PoolingArgs;

/**
 * The maximum over each window of a sequence (`[batch, steps, channels]`).
 *
 * @example
 * ```ts
 * maxPooling1d({ poolSize: 2 }); // 100 steps -> 50
 * ```
 */
export class MaxPooling1D extends BasePooling {
  static override readonly className = 'MaxPooling1D';
  protected readonly mode = 'max';
  constructor(args: MaxPooling1DArgs = {}) {
    super(1, args);
  }
}

/** Creates a {@link MaxPooling1D} layer. */
export const maxPooling1d = (args: MaxPooling1DArgs = {}): MaxPooling1D => new MaxPooling1D(args);
