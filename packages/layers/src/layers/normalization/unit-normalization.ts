import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict, Shape } from '@layerwise/core';
import { Layer, type LayerArgs } from '../../engine/layer.js';
import { checkAxes, resolveAxes } from './normalization-utils.js';

/** Arguments of {@link UnitNormalization}. */
export interface UnitNormalizationArgs extends LayerArgs {
  /** Axis or axes along which each sample is scaled to unit L2 norm. Default -1. */
  axis?: number | readonly number[];
}

/** Scales each sample to unit L2 norm along `axis` (Keras' UnitNormalization): `x / sqrt(max(sum(x²), 1e-12))`. No weights. */
export class UnitNormalization extends Layer {
  static override readonly className = 'UnitNormalization';
  override readonly supportsMasking = true;
  readonly axis: number | number[];

  constructor(args: UnitNormalizationArgs = {}) {
    super(args);
    this.axis = checkAxes(`UnitNormalization "${this.name}"`, args.axis ?? -1);
  }

  override build(inputShape: Shape): void {
    resolveAxes(`UnitNormalization "${this.name}"`, this.axis, inputShape.length);
  }

  call(x: Tensor): Tensor {
    const axes = resolveAxes(`UnitNormalization "${this.name}"`, this.axis, x.rank);
    return tf.tidy(() => tf.mul(x, tf.rsqrt(tf.maximum(tf.sum(tf.square(x), axes, true), 1e-12))));
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), axis: this.axis };
  }
}

/** Creates a {@link UnitNormalization} layer. */
export const unitNormalization = (args: UnitNormalizationArgs = {}): UnitNormalization => new UnitNormalization(args);
