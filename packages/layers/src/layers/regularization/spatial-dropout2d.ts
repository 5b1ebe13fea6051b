import type { ConfigDict } from '@layerwise/core';
import { SpatialDropout, type SpatialDropoutArgs } from './spatial-dropout.js';

/** Dropout of whole feature maps of `[batch, rows, cols, channels]` inputs (Keras' SpatialDropout2D, channels last); the identity at inference. */
export class SpatialDropout2D extends SpatialDropout {
  static override readonly className = 'SpatialDropout2D';
  protected readonly rank = 4;
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), data_format: 'channels_last' };
  }
}

/** Creates a {@link SpatialDropout2D} layer. */
export const spatialDropout2d = (args: SpatialDropoutArgs): SpatialDropout2D => new SpatialDropout2D(args);
