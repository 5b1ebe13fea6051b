import { BaseUpSampling, type UpSamplingArgs } from './base-up-sampling.js';

/** Arguments of {@link UpSampling2D}. */
export interface UpSampling2DArgs extends UpSamplingArgs {
  /** `'nearest'` (default) or `'bilinear'`. */
  interpolation?: 'nearest' | 'bilinear';
}

/**
 * Upsamples channels-last images by integer factors, repeating pixels (`'nearest'`, default) or
 * interpolating them (`'bilinear'`, with half-pixel centres as TensorFlow 2 and Keras).
 *
 * @example
 * ```ts
 * upSampling2d({ size: 2, interpolation: 'bilinear' }); // 14x14 -> 28x28
 * ```
 */
export class UpSampling2D extends BaseUpSampling {
  static override readonly className = 'UpSampling2D';
  constructor(args: UpSampling2DArgs = {}) {
    super(2, args);
  }
}

/** Creates an {@link UpSampling2D} layer. */
export const upSampling2d = (args: UpSampling2DArgs = {}): UpSampling2D => new UpSampling2D(args);
