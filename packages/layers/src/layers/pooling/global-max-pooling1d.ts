import { BaseGlobalPooling, type GlobalPoolingArgs } from './base-global-pooling.js';

/** Arguments of {@link GlobalMaxPooling1D}. */
export type GlobalMaxPooling1DArgs = GlobalPoolingArgs;

/**
 * The maximum over all steps of each channel: `[batch, steps, channels]` to `[batch, channels]`.
 *
 * @example
 * ```ts
 * sequential([conv1d({ filters: 64, kernelSize: 5, inputShape: [200, 32] }), globalMaxPooling1d(), dense({ units: 1 })]);
 * ```
 */
export class GlobalMaxPooling1D extends BaseGlobalPooling {
  static override readonly className = 'GlobalMaxPooling1D';
  protected readonly mode = 'max';
  constructor(args: GlobalMaxPooling1DArgs = {}) {
    super(1, args);
  }
}

/** Creates a {@link GlobalMaxPooling1D} layer. */
export const globalMaxPooling1d = (args: GlobalMaxPooling1DArgs = {}): GlobalMaxPooling1D => new GlobalMaxPooling1D(args);
