import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict, Shape } from '@layerwise/core';
import { Layer, type LayerArgs } from '../../engine/layer.js';
import { checkSpatialInput } from '../convolutional/conv-ops.js';
import { normalizePairs, type SidePairs } from './pairs.js';

/** Arguments of {@link ZeroPadding1D}, {@link ZeroPadding2D} and {@link ZeroPadding3D}. */
export interface ZeroPaddingArgs extends LayerArgs {
  /**
   * Zeros to add: one number for every side, one per axis (both sides), or a `[before, after]`
   * pair per axis (for ZeroPadding1D, a pair is `[left, right]`). Default 1.
   */
  padding?: SidePairs;
}

/** Adds rows of zeros before and after the spatial axes of a channels-last input. */
export abstract class BaseZeroPadding extends Layer {
  /** Number of spatial axes. */
  readonly rank: number;
  /** `[before, after]` per spatial axis. */
  readonly padding: [number, number][];

  protected constructor(rank: number, args: ZeroPaddingArgs) {
    super(args);
    this.rank = rank;
    this.padding = normalizePairs(`${this.className} "${this.name}"`, 'padding', args.padding ?? 1, rank);
  }

  override build(inputShape: Shape): void {
    checkSpatialInput(`${this.className} "${this.name}"`, inputShape, this.rank, false);
  }

  call(x: Tensor): Tensor {
    return tf.pad(x, [[0, 0], ...this.padding, [0, 0]]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    checkSpatialInput(`${this.className} "${this.name}"`, inputShape, this.rank, false);
    return inputShape.map((d, i) => (i === 0 || i === inputShape.length - 1 || d === null ? d : d + this.padding[i - 1]![0] + this.padding[i - 1]![1]));
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), padding: this.rank === 1 ? [...this.padding[0]!] : this.padding.map((p) => [...p]) };
  }
}
