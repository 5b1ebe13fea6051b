import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkBoolean, type ConfigDict, type Shape } from '@layerwise/core';
import { Layer, type CallContext, type LayerArgs } from '../../engine/layer.js';
import { asBoolean, checkMask, maskList, type Masks } from '../../engine/mask.js';
import { checkSpatialInput } from '../convolutional/conv-ops.js';

/** Arguments of the global pooling layers. */
export interface GlobalPoolingArgs extends LayerArgs {
  /** Keep the spatial axes, with length 1. Default false. */
  keepdims?: boolean;
}

/**
 * The global pooling layers of every rank (Keras' `BaseGlobalPooling`): the maximum or the mean
 * of each channel over all spatial axes, `[batch, ..., channels]` to `[batch, channels]`.
 */
export abstract class BaseGlobalPooling extends Layer {
  /** Number of spatial axes. */
  readonly rank: number;
  /** The 1D layers take a mask (Keras' masked mean): masked steps are left out; the output has no mask. */
  override readonly supportsMasking: boolean;
  readonly keepdims: boolean;
  /** Whether channels are reduced by their maximum or their mean. */
  protected abstract readonly mode: 'max' | 'avg';

  protected constructor(rank: number, args: GlobalPoolingArgs) {
    super(args);
    this.rank = rank;
    this.supportsMasking = rank === 1;
    this.keepdims = checkBoolean(`${this.className} "${this.name}"`, 'keepdims', args.keepdims ?? false);
  }

  override build(inputShape: Shape): void {
    checkSpatialInput(`${this.className} "${this.name}"`, inputShape, this.rank, false);
  }

  call(x: Tensor, context: CallContext): Tensor {
    const mask = maskList(context.mask)[0];
    if (mask) return this.maskedPool(x, mask);
    const axes = Array.from({ length: this.rank }, (_, i) => i + 1);
    return this.mode === 'max' ? tf.max(x, axes, this.keepdims) : tf.mean(x, axes, this.keepdims);
  }

  /** Pools `[batch, steps, channels]` over the steps whose mask is true (a step with none gives 0 for the mean, -Infinity for the max). */
  private maskedPool(x: Tensor, mask: Tensor): Tensor {
    checkMask(mask, x.shape, `${this.className} "${this.name}"`);
    return tf.tidy(() => {
      const keep = tf.expandDims(asBoolean(mask), 2);
      if (this.mode === 'max') return tf.max(tf.where(tf.broadcastTo(keep, x.shape), x, tf.fill(x.shape, -Infinity)), 1, this.keepdims);
      const weights = tf.cast(keep, x.dtype);
      return tf.divNoNan(tf.sum(tf.mul(x, weights), 1, this.keepdims), tf.sum(weights, 1, this.keepdims));
    });
  }

  /** The pooled output has no mask: the steps are gone. */
  override computeMask(x: Tensor | Tensor[], mask?: Masks): undefined {
    super.computeMask(x, mask);
    return undefined;
  }

  override outputMasked(): boolean {
    return false;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    checkSpatialInput(`${this.className} "${this.name}"`, inputShape, this.rank, false);
    const batch = inputShape[0] ?? null;
    const channels = inputShape[inputShape.length - 1] ?? null;
    return this.keepdims ? [batch, ...Array.from({ length: this.rank }, () => 1), channels] : [batch, channels];
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), keepdims: this.keepdims };
  }
}
