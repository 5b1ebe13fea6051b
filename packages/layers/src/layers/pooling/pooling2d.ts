import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { formatShape, LayerwiseError, type ConfigDict, type Shape } from '@layerwise/core';
import { Layer, type LayerArgs } from '../../engine/layer.js';
import { checkPadding, convOutputLength, normalizeTuple, type SpatialSize } from '../convolutional/conv-utils.js';

/** Arguments of the 2D pooling layers. */
export interface Pooling2DArgs extends LayerArgs {
  /** Window height and width. Default 2. */
  poolSize?: SpatialSize;
  /** Default: the pool size. */
  strides?: SpatialSize;
  /** `'valid'` (default) or `'same'`. */
  padding?: 'valid' | 'same';
}

/** The shared body of MaxPooling2D and AveragePooling2D. */
abstract class Pooling2D extends Layer {
  readonly poolSize: [number, number];
  readonly strides: [number, number];
  readonly padding: 'valid' | 'same';

  constructor(args: Pooling2DArgs) {
    super(args);
    const owner = `${this.className} "${this.name}"`;
    this.poolSize = normalizeTuple(owner, 'poolSize', args.poolSize ?? 2, 2) as [number, number];
    this.strides = normalizeTuple(owner, 'strides', args.strides ?? this.poolSize, 2) as [number, number];
    this.padding = checkPadding(owner, args.padding ?? 'valid');
  }

  override build(inputShape: Shape): void {
    if (inputShape.length !== 4) {
      throw new LayerwiseError(`${this.className} "${this.name}": needs inputs of shape (batch, height, width, channels), received ${formatShape(inputShape)}`);
    }
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const [batch = null, h = null, w = null, c = null] = inputShape;
    return [batch, convOutputLength(h, this.poolSize[0], this.padding, this.strides[0]), convOutputLength(w, this.poolSize[1], this.padding, this.strides[1]), c];
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), pool_size: this.poolSize, strides: this.strides, padding: this.padding };
  }
}

/** The maximum over each window. */
export class MaxPooling2D extends Pooling2D {
  static override readonly className = 'MaxPooling2D';
  call(x: Tensor): Tensor {
    return tf.maxPool(x as Tensor4D, this.poolSize, this.strides, this.padding);
  }
}

/** The mean over each window. */
export class AveragePooling2D extends Pooling2D {
  static override readonly className = 'AveragePooling2D';
  call(x: Tensor): Tensor {
    return tf.avgPool(x as Tensor4D, this.poolSize, this.strides, this.padding);
  }
}

/** Creates a {@link MaxPooling2D} layer. */
export const maxPooling2d = (args: Pooling2DArgs = {}): MaxPooling2D => new MaxPooling2D(args);
/** Creates an {@link AveragePooling2D} layer. */
export const averagePooling2d = (args: Pooling2DArgs = {}): AveragePooling2D => new AveragePooling2D(args);
