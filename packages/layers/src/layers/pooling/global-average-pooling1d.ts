import { BaseGlobalPooling, type GlobalPoolingArgs } from './base-global-pooling.js';

/** Arguments of {@link GlobalAveragePooling1D}. */
export type GlobalAveragePooling1DArgs = GlobalPoolingArgs;

/**
 * The mean over all steps of each channel: `[batch, steps, channels]` to `[batch, channels]`.
 *
 * @example
 * ```ts
 * globalAveragePooling1d({ keepdims: true }); // (None, 200, 32) -> (None, 1, 32)
 * ```
 */
export class GlobalAveragePooling1D extends BaseGlobalPooling {
  static override readonly className = 'GlobalAveragePooling1D';
  protected readonly mode = 'avg';
  constructor(args: GlobalAveragePooling1DArgs = {}) {
    super(1, args);
  }
}

/** Creates a {@link GlobalAveragePooling1D} layer. */
export const globalAveragePooling1d = (args: GlobalAveragePooling1DArgs = {}): GlobalAveragePooling1D => new GlobalAveragePooling1D(args);
