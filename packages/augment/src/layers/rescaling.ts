import * as tf from '@tensorflow/tfjs-core';
import type { Tensor4D } from '@tensorflow/tfjs-core';
import { checkNumber, type ConfigDict } from '@layerwise/core';
import type { LayerArgs } from '@layerwise/layers';
import { ImageLayer } from './image-layer.js';

/** Arguments of {@link Rescaling}. */
export interface RescalingArgs extends LayerArgs {
  /** Multiplies the inputs (`1 / 255` maps [0, 255] to [0, 1]). */
  scale: number;
  /** Added after scaling. Default 0. */
  offset?: number;
}

/** `x * scale + offset`, in training and at inference (Keras 3's `Rescaling`). */
export class Rescaling extends ImageLayer {
  static override readonly className = 'Rescaling';
  readonly scale: number;
  readonly offset: number;

  constructor(args: RescalingArgs) {
    super(args);
    this.scale = checkNumber(this.owner, 'scale', args.scale);
    this.offset = checkNumber(this.owner, 'offset', args.offset ?? 0);
  }

  protected transformBatch(images: Tensor4D): Tensor4D {
    return tf.tidy(() => tf.add(tf.mul(images, this.scale), this.offset));
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), scale: this.scale, offset: this.offset };
  }
}

/** Creates a {@link Rescaling} layer. */
export const rescaling = (args: RescalingArgs): Rescaling => new Rescaling(args);
