import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkNumber, formatShape, LayerwiseError, type ConfigDict, type Shape } from '@layerwise/core';
import { Layer, type LayerArgs } from '../../engine/layer.js';
import type { MaskProducer } from './mask.js';

/** Arguments of {@link Masking}. */
export interface MaskingArgs extends LayerArgs {
  /** Timesteps whose features all equal it are masked. Default 0. */
  maskValue?: number;
}

/**
 * Masks padded timesteps of a `[batch, timesteps, features]` input (Keras' Masking): a timestep
 * whose features all equal `maskValue` gets mask `false` and is zeroed in the output. The mask comes
 * from `computeMask`; pass it to the next layers in their context (`{ training, mask }`) or run the
 * stack with `applyWithMasks` — the engine does not propagate masks by itself yet.
 */
export class Masking extends Layer implements MaskProducer {
  static override readonly className = 'Masking';
  readonly maskValue: number;

  constructor(args: MaskingArgs = {}) {
    super(args);
    this.maskValue = checkNumber(`Masking "${this.name}"`, 'maskValue', args.maskValue ?? 0);
  }

  override build(inputShape: Shape): void {
    if (inputShape.length < 3) {
      throw new LayerwiseError(`Masking "${this.name}": needs inputs of rank >= 3 ([batch, timesteps, features]), received ${formatShape(inputShape)}`);
    }
  }

  call(x: Tensor): Tensor {
    return tf.tidy(() => tf.mul(x, tf.cast(tf.any(tf.notEqual(x, this.maskValue), -1, true), x.dtype)));
  }

  /** Boolean `[batch, timesteps]` (for a rank-3 input): true where some feature differs from `maskValue`. */
  computeMask(x: Tensor): Tensor {
    return tf.tidy(() => tf.any(tf.notEqual(x, this.maskValue), -1));
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), mask_value: this.maskValue };
  }
}

/** Creates a {@link Masking} layer. */
export const masking = (args: MaskingArgs = {}): Masking => new Masking(args);
