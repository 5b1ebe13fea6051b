import { BaseGlobalPooling, type GlobalPoolingArgs } from './base-global-pooling.js';

/** Arguments of {@link GlobalMaxPooling3D}. */
export type GlobalMaxPooling3DArgs = GlobalPoolingArgs;

/**
 * The maximum over depth, height and width of each channel: `[batch, d, h, w, channels]` to `[batch, channels]`.
 *
 * @example
 * ```ts
 * globalMaxPooling3d();
 * ```
 */
export class GlobalMaxPooling3D extends BaseGlobalPooling {
  static override readonly className = 'GlobalMaxPooling3D';
  protected readonly mode = 'max';
  constructor(args: GlobalMaxPooling3DArgs = {}) {
    super(3, args);
  }
}

/** Creates a {@link GlobalMaxPooling3D} layer. */
export const globalMaxPooling3d = (args: GlobalMaxPooling3DArgs = {}): GlobalMaxPooling3D => new GlobalMaxPooling3D(args);
