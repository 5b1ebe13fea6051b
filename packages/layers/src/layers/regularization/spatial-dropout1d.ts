import { SpatialDropout, type SpatialDropoutArgs } from './spatial-dropout.js';

/** Dropout of whole channels of `[batch, steps, channels]` inputs (Keras' SpatialDropout1D); the identity at inference. */
export class SpatialDropout1D extends SpatialDropout {
  static override readonly className = 'SpatialDropout1D';
  protected readonly rank = 3;
}

/** Creates a {@link SpatialDropout1D} layer. */
export const spatialDropout1d = (args: Omit<SpatialDropoutArgs, 'dataFormat'>): SpatialDropout1D => new SpatialDropout1D(args);
