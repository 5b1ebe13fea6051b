import type { Tensor } from '@tensorflow/tfjs-core';
import type { CallContext } from '../../engine/layer.js';

/**
 * The call context of a layer taking one tensor and its mask: models fill `mask` with the mask of
 * the layer's input (see `Layer.computeMask`); calling a layer directly, pass it yourself:
 * `lstm.apply(x, { training: false, mask })`.
 */
export interface MaskedCallContext extends CallContext {
  /** Boolean `[batch, timesteps]`: true where a timestep holds data, false where it is padding. */
  readonly mask?: Tensor | undefined;
}
