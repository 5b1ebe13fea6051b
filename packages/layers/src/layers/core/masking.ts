import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkNumber, formatShape, LayerwiseError, type ConfigDict, type Shape } from '@layerwise/core';
import { Layer, type LayerArgs } from '../../engine/layer.js';
import type { Masks } from '../../engine/mask.js';

/** Arguments of {@link Masking}. */
export interface MaskingArgs extends LayerArgs {
  /** Timesteps whose features all equal it are masked. Default 0. */
  maskValue?: number;
}

/**
 * Masks padded timesteps of a `[batch, timesteps, features]` input (Keras' Masking): a timestep
 * whose features all equal `maskValue` gets mask `false` and is zeroed in the output. Models pass
 * the mask (`computeMask`) on to the next layers: recurrent layers skip the masked steps, global 1D
 * pooling leaves them out, attention ignores them.
 *
 * @example
 * ```ts
 * const net = sequential([masking({ maskValue: 0, inputShape: [null, 3] }), lstm({ units: 8 }), dense({ units: 1 })]);
 * ```
 */
export class Masking extends Layer {
  static override readonly className = 'Masking';
  override readonly supportsMasking = true;
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
  override computeMask(x: Tensor | Tensor[], _mask?: Masks): Tensor {
    return tf.tidy(() => tf.any(tf.notEqual(x as Tensor, this.maskValue), -1));
  }

  override outputMasked(): boolean {
    return true;
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), mask_value: this.maskValue };
  }
}

/** Creates a {@link Masking} layer. */
export const masking = (args: MaskingArgs = {}): Masking => new Masking(args);
