import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkBoolean, type ConfigDict, type Shape } from '@layerwise/core';
import { Layer, type LayerArgs } from '../../engine/layer.js';
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
  readonly keepdims: boolean;
  /** Whether channels are reduced by their maximum or their mean. */
  protected abstract readonly mode: 'max' | 'avg';

  protected constructor(rank: number, args: GlobalPoolingArgs) {
    super(args);
    this.rank = rank;
    this.keepdims = checkBoolean(`${this.className} "${this.name}"`, 'keepdims', args.keepdims ?? false);
  }

  override build(inputShape: Shape): void {
    checkSpatialInput(`${this.className} "${this.name}"`, inputShape, this.rank, false);
  }

  call(x: Tensor): Tensor {
    const axes = Array.from({ length: this.rank }, (_, i) => i + 1);
    return this.mode === 'max' ? tf.max(x, axes, this.keepdims) : tf.mean(x, axes, this.keepdims);
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
