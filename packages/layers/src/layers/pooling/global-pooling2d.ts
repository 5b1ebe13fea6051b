import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkBoolean, formatShape, LayerwiseError, type ConfigDict, type Shape } from '@layerwise/core';
import { Layer, type LayerArgs } from '../../engine/layer.js';

/** Arguments of the global 2D pooling layers. */
export interface GlobalPooling2DArgs extends LayerArgs {
  /** Keep the spatial axes with length 1. Default false. */
  keepdims?: boolean;
}

abstract class GlobalPooling2D extends Layer {
  readonly keepdims: boolean;
  constructor(args: GlobalPooling2DArgs) {
    super(args);
    this.keepdims = checkBoolean(`${this.className} "${this.name}"`, 'keepdims', args.keepdims ?? false);
  }
  override build(inputShape: Shape): void {
    if (inputShape.length !== 4) {
      throw new LayerwiseError(`${this.className} "${this.name}": needs inputs of shape (batch, height, width, channels), received ${formatShape(inputShape)}`);
    }
  }
  override computeOutputShape(inputShape: Shape): Shape {
    const batch = inputShape[0] ?? null;
    const channels = inputShape[3] ?? null;
    return this.keepdims ? [batch, 1, 1, channels] : [batch, channels];
  }
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), keepdims: this.keepdims };
  }
}

/** The mean over height and width of each channel. */
export class GlobalAveragePooling2D extends GlobalPooling2D {
  static override readonly className = 'GlobalAveragePooling2D';
  call(x: Tensor): Tensor {
    return tf.mean(x, [1, 2], this.keepdims);
  }
}

/** The maximum over height and width of each channel. */
export class GlobalMaxPooling2D extends GlobalPooling2D {
  static override readonly className = 'GlobalMaxPooling2D';
  call(x: Tensor): Tensor {
    return tf.max(x, [1, 2], this.keepdims);
  }
}

/** Creates a {@link GlobalAveragePooling2D} layer. */
export const globalAveragePooling2d = (args: GlobalPooling2DArgs = {}): GlobalAveragePooling2D => new GlobalAveragePooling2D(args);
/** Creates a {@link GlobalMaxPooling2D} layer. */
export const globalMaxPooling2d = (args: GlobalPooling2DArgs = {}): GlobalMaxPooling2D => new GlobalMaxPooling2D(args);
