import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkOneOf, type ConfigDict, type Shape } from '@layerwise/core';
import { Layer, type LayerArgs } from '../../engine/layer.js';
import { checkSpatialInput, expandTuple } from '../convolutional/conv-ops.js';
import type { SpatialSize } from '../convolutional/conv-utils.js';

/** Arguments of the upsampling layers. */
export interface UpSamplingArgs extends LayerArgs {
  /** Upsampling factor: one integer for every spatial axis, or one per axis. Default 2. */
  size?: SpatialSize;
}

/**
 * Repeats every entry `factor` times along `axis`. The axes before and after are merged so that
 * the tile is of rank 4, the highest rank tfjs-core's tile gradient handles.
 */
function repeatAlong(x: Tensor, axis: number, factor: number): Tensor {
  if (factor === 1) return x;
  const shape = x.shape;
  const size = (dims: number[]) => dims.reduce((a, b) => a * b, 1);
  const grouped = tf.reshape(x, [size(shape.slice(0, axis)), shape[axis]!, 1, size(shape.slice(axis + 1))]);
  const tiled = tf.tile(grouped, [1, 1, factor, 1]);
  return tf.reshape(tiled, [...shape.slice(0, axis), shape[axis]! * factor, ...shape.slice(axis + 1)]);
}

/**
 * Linear interpolation along `axis` to `factor` times the length, with half-pixel centres (as
 * TensorFlow's `resize` and PyTorch's `align_corners=False`): output `o` reads input position
 * `(o + 0.5) / factor - 0.5`, clamped to the ends. Built from gathers so that gradients are
 * exact (tfjs-core's `resizeBilinear` gradient ignores half-pixel centres).
 */
function interpolateAlong(x: Tensor, axis: number, factor: number): Tensor {
  if (factor === 1) return x;
  const n = x.shape[axis]!;
  const lower: number[] = [];
  const upper: number[] = [];
  const weight: number[] = [];
  for (let o = 0; o < n * factor; o++) {
    const source = Math.max((o + 0.5) / factor - 0.5, 0);
    const low = Math.min(Math.floor(source), n - 1);
    lower.push(low);
    upper.push(Math.min(low + 1, n - 1));
    weight.push(source - low);
  }
  const a = tf.gather(x, tf.tensor1d(lower, 'int32'), axis);
  const b = tf.gather(x, tf.tensor1d(upper, 'int32'), axis);
  const w = tf.reshape(tf.tensor1d(weight), x.shape.map((_, i) => (i === axis ? n * factor : 1)));
  return tf.add(a, tf.mul(tf.sub(b, a), w));
}

/** Upsamples the spatial axes of a channels-last input by integer factors. */
export abstract class BaseUpSampling extends Layer {
  /** Number of spatial axes. */
  readonly rank: number;
  /** Factor per spatial axis. */
  readonly size: number[];
  /** `'nearest'` repeats entries; `'bilinear'` interpolates (UpSampling2D only). */
  readonly interpolation: 'nearest' | 'bilinear';

  protected constructor(rank: number, args: UpSamplingArgs & { interpolation?: 'nearest' | 'bilinear' }) {
    super(args);
    const owner = `${this.className} "${this.name}"`;
    this.rank = rank;
    this.size = expandTuple(owner, 'size', args.size ?? 2, rank);
    this.interpolation = checkOneOf(owner, 'interpolation', args.interpolation ?? 'nearest', rank === 2 ? ['nearest', 'bilinear'] : ['nearest']);
  }

  override build(inputShape: Shape): void {
    checkSpatialInput(`${this.className} "${this.name}"`, inputShape, this.rank, false);
  }

  call(x: Tensor): Tensor {
    return tf.tidy(() =>
      this.size.reduce((y, factor, i) => (this.interpolation === 'bilinear' ? interpolateAlong(y, i + 1, factor) : repeatAlong(y, i + 1, factor)), x),
    );
  }

  override computeOutputShape(inputShape: Shape): Shape {
    checkSpatialInput(`${this.className} "${this.name}"`, inputShape, this.rank, false);
    return inputShape.map((d, i) => (i === 0 || i === inputShape.length - 1 || d === null ? d : d * this.size[i - 1]!));
  }

  override getConfig(): ConfigDict {
    const config: ConfigDict = { ...super.getConfig(), size: this.rank === 1 ? this.size[0]! : [...this.size] };
    if (this.rank === 2) config['interpolation'] = this.interpolation;
    return config;
  }
}
