import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor4D, Tensor5D } from '@tensorflow/tfjs-core';
import { checkOneOf, type ConfigDict, type Shape } from '@layerwise/core';
import { Layer, type LayerArgs } from '../../engine/layer.js';
import { checkOutputShape, checkSpatialInput, convLength, expandTuple } from '../convolutional/conv-ops.js';
import type { SpatialSize } from '../convolutional/conv-utils.js';

/** Arguments of the max and average pooling layers. */
export interface PoolingArgs extends LayerArgs {
  /** Window size: one number for every spatial axis, or one per axis. Default 2. */
  poolSize?: SpatialSize;
  /** Step of the window. Default: the pool size. */
  strides?: SpatialSize | null;
  /** `'valid'` (default) or `'same'` (output length `ceil(length / stride)`). */
  padding?: 'valid' | 'same';
}

/** tfjs-core's pooling op for the rank; rank 1 runs as rank 2 with a unit height. */
function nativePool(x: Tensor, mode: 'max' | 'avg', rank: number, pool: readonly number[], strides: readonly number[], padding: 'valid' | 'same'): Tensor {
  if (rank === 1) {
    const x4 = tf.expandDims(x, 1) as Tensor4D;
    const y = mode === 'max' ? tf.maxPool(x4, [1, pool[0]!], [1, strides[0]!], padding) : tf.avgPool(x4, [1, pool[0]!], [1, strides[0]!], padding);
    return tf.squeeze(y, [1]);
  }
  if (rank === 2) {
    const p = pool as [number, number];
    const s = strides as [number, number];
    return mode === 'max' ? tf.maxPool(x as Tensor4D, p, s, padding) : tf.avgPool(x as Tensor4D, p, s, padding);
  }
  const p = pool as [number, number, number];
  const s = strides as [number, number, number];
  return mode === 'max' ? tf.maxPool3d(x as Tensor5D, p, s, padding) : tf.avgPool3d(x as Tensor5D, p, s, padding);
}

/**
 * Max or average pooling of any rank. Average pooling with `'same'` padding divides each window's
 * sum by the number of its elements inside the input (as TensorFlow), computed here as the ratio
 * of two unpadded poolings of zero-padded tensors: tfjs-core's own `'same'` average pooling
 * gradient divides by the full window size at the borders, which is wrong.
 */
export function pool(x: Tensor, mode: 'max' | 'avg', rank: number, poolSize: readonly number[], strides: readonly number[], padding: 'valid' | 'same'): Tensor {
  if (mode === 'max' || padding === 'valid') return nativePool(x, mode, rank, poolSize, strides, padding);
  const lengths = x.shape.slice(1, -1);
  const pads = lengths.map((n, i): [number, number] => {
    const out = Math.ceil(n / strides[i]!);
    const total = Math.max((out - 1) * strides[i]! + poolSize[i]! - n, 0);
    return [Math.floor(total / 2), total - Math.floor(total / 2)];
  });
  const all: [number, number][] = [[0, 0], ...pads, [0, 0]];
  const sums = nativePool(tf.pad(x, all), 'avg', rank, poolSize, strides, 'valid');
  const counts = nativePool(tf.pad(tf.ones([1, ...lengths, 1]), all), 'avg', rank, poolSize, strides, 'valid');
  return tf.div(sums, counts);
}

/**
 * The max and average pooling layers of every rank (Keras' `BasePooling`): a window of `poolSize`
 * slides with `strides` over the spatial axes of a channels-last input, each channel on its own.
 */
export abstract class BasePooling extends Layer {
  /** Number of spatial axes. */
  readonly rank: number;
  readonly poolSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  /** Whether windows are reduced by their maximum or their mean. */
  protected abstract readonly mode: 'max' | 'avg';

  protected constructor(rank: number, args: PoolingArgs) {
    super(args);
    const owner = this.owner;
    this.rank = rank;
    this.poolSize = expandTuple(owner, 'poolSize', args.poolSize ?? 2, rank);
    this.strides = args.strides == null ? [...this.poolSize] : expandTuple(owner, 'strides', args.strides, rank);
    this.padding = checkOneOf(owner, 'padding', args.padding ?? 'valid', ['valid', 'same']);
  }

  /** `MaxPooling1D "max_pooling1d"`: how errors name this layer. */
  protected get owner(): string {
    return `${this.className} "${this.name}"`;
  }

  override build(inputShape: Shape): void {
    this.computeOutputShape(inputShape);
  }

  call(x: Tensor): Tensor {
    return tf.tidy(() => pool(x, this.mode, this.rank, this.poolSize, this.strides, this.padding));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    checkSpatialInput(this.owner, inputShape, this.rank, false);
    const spatial = inputShape.slice(1, -1).map((n, i) => convLength(n, this.poolSize[i]!, this.padding, this.strides[i]!));
    return checkOutputShape(this.owner, inputShape, [inputShape[0] ?? null, ...spatial, inputShape[inputShape.length - 1] ?? null]);
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), pool_size: [...this.poolSize], strides: [...this.strides], padding: this.padding };
  }
}
