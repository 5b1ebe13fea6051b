import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { formatShape, LayerwiseError, type ConfigDict, type Shape } from '@layerwise/core';
import { Layer, type LayerArgs } from '../../engine/layer.js';
import { checkSpatialInput } from '../convolutional/conv-ops.js';
import { normalizePairs, type SidePairs } from './pairs.js';

/** Arguments of {@link Cropping1D}, {@link Cropping2D} and {@link Cropping3D}. */
export interface CroppingArgs extends LayerArgs {
  /**
   * Entries to remove: one number for every side, one per axis (both sides), or a
   * `[before, after]` pair per axis (for Cropping1D, a pair is `[start, end]`). Defaults as Keras:
   * 1 for Cropping1D and Cropping3D, 0 for Cropping2D.
   */
  cropping?: SidePairs;
}

/** Removes entries at the start and end of the spatial axes of a channels-last input. */
export abstract class BaseCropping extends Layer {
  /** Number of spatial axes. */
  readonly rank: number;
  /** `[before, after]` per spatial axis. */
  readonly cropping: [number, number][];

  protected constructor(rank: number, args: CroppingArgs, defaultCropping: number) {
    super(args);
    this.rank = rank;
    this.cropping = normalizePairs(`${this.className} "${this.name}"`, 'cropping', args.cropping ?? defaultCropping, rank);
  }

  override build(inputShape: Shape): void {
    this.computeOutputShape(inputShape);
  }

  call(x: Tensor): Tensor {
    const begin = [0, ...this.cropping.map(([before]) => before), 0];
    const size = x.shape.map((d, i) => (i === 0 || i === x.rank - 1 ? d : d - this.cropping[i - 1]![0] - this.cropping[i - 1]![1]));
    return tf.slice(x, begin, size);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const owner = `${this.className} "${this.name}"`;
    checkSpatialInput(owner, inputShape, this.rank, false);
    const out = inputShape.map((d, i) => (i === 0 || i === inputShape.length - 1 || d === null ? d : d - this.cropping[i - 1]![0] - this.cropping[i - 1]![1]));
    if (out.some((d) => d !== null && d < 1)) {
      throw new LayerwiseError(`${owner}: cropping ${JSON.stringify(this.cropping)} leaves nothing of an input of shape ${formatShape(inputShape)}`);
    }
    return out;
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), cropping: this.rank === 1 ? [...this.cropping[0]!] : this.cropping.map((c) => [...c]) };
  }
}
