import { BaseGlobalPooling, type GlobalPoolingArgs } from './base-global-pooling.js';

/** Arguments of {@link GlobalAveragePooling3D}. */
export type GlobalAveragePooling3DArgs = GlobalPoolingArgs;

/**
 * The mean over depth, height and width of each channel: `[batch, d, h, w, channels]` to `[batch, channels]`.
 *
 * @example
 * ```ts
 * globalAveragePooling3d();
 * ```
 */
export class GlobalAveragePooling3D extends BaseGlobalPooling {
  static override readonly className = 'GlobalAveragePooling3D';
  protected readonly mode = 'avg';
  constructor(args: GlobalAveragePooling3DArgs = {}) {
    super(3, args);
  }
}

/** Creates a {@link GlobalAveragePooling3D} layer. */
export const globalAveragePooling3d = (args: GlobalAveragePooling3DArgs = {}): GlobalAveragePooling3D => new GlobalAveragePooling3D(args);
