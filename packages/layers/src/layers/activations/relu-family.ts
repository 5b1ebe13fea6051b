import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkNumber, invalidArgument, type ConfigDict } from '@layerwise/core';
import { Layer, type LayerArgs } from '../../engine/layer.js';

/** Arguments of {@link LeakyReLU}. */
export interface LeakyReLUArgs extends LayerArgs {
  /** Slope for negative inputs, >= 0. Default 0.3 (Keras' `negative_slope`). */
  negativeSlope?: number;
}

/** `x` for positive inputs, `negativeSlope * x` otherwise. */
export class LeakyReLU extends Layer {
  static override readonly className = 'LeakyReLU';
  override readonly supportsMasking = true;
  readonly negativeSlope: number;
  constructor(args: LeakyReLUArgs = {}) {
    super(args);
    const legacy = (args as { alpha?: number }).alpha;
    this.negativeSlope = checkNumber(`LeakyReLU "${this.name}"`, 'negativeSlope', args.negativeSlope ?? legacy ?? 0.3, { min: 0 });
  }
  call(x: Tensor): Tensor {
    return tf.leakyRelu(x, this.negativeSlope);
  }
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), negative_slope: this.negativeSlope };
  }
}

/** Arguments of {@link ReLU}. */
export interface ReLUArgs extends LayerArgs {
  /** Upper bound of the output; none by default. */
  maxValue?: number;
  /** Slope below the threshold. Default 0. */
  negativeSlope?: number;
  /** Values below it are damped. Default 0. */
  threshold?: number;
}

/** Keras' ReLU layer: `min(x, maxValue)` above `threshold`, `negativeSlope * (x - threshold)` below. */
export class ReLU extends Layer {
  static override readonly className = 'ReLU';
  override readonly supportsMasking = true;
  readonly maxValue: number | undefined;
  readonly negativeSlope: number;
  readonly threshold: number;
  constructor(args: ReLUArgs = {}) {
    super(args);
    const owner = `ReLU "${this.name}"`;
    this.maxValue = args.maxValue == null ? undefined : checkNumber(owner, 'maxValue', args.maxValue, { min: 0 });
    this.negativeSlope = checkNumber(owner, 'negativeSlope', args.negativeSlope ?? 0, { min: 0 });
    this.threshold = checkNumber(owner, 'threshold', args.threshold ?? 0);
  }
  call(x: Tensor): Tensor {
    return tf.tidy(() => {
      const above = tf.greaterEqual(x, this.threshold);
      let y = tf.where(above, x, tf.mul(tf.sub(x, this.threshold), this.negativeSlope));
      if (this.maxValue !== undefined) y = tf.minimum(y, this.maxValue);
      return y;
    });
  }
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), max_value: this.maxValue ?? null, negative_slope: this.negativeSlope, threshold: this.threshold };
  }
}

/** Arguments of {@link Softmax}. */
export interface SoftmaxArgs extends LayerArgs {
  /** Default -1. */
  axis?: number;
}

/** Softmax over `axis`. */
export class Softmax extends Layer {
  static override readonly className = 'Softmax';
  override readonly supportsMasking = true;
  readonly axis: number;
  constructor(args: SoftmaxArgs = {}) {
    super(args);
    this.axis = args.axis ?? -1;
    if (!Number.isInteger(this.axis)) throw invalidArgument({ owner: `Softmax "${this.name}"`, argument: 'axis', expected: 'an integer (negative counts from the last axis)', received: this.axis });
  }
  call(x: Tensor): Tensor {
    const axis = this.axis < 0 ? x.rank + this.axis : this.axis;
    if (axis === x.rank - 1) return tf.softmax(x);
    return tf.tidy(() => {
      const shifted = tf.exp(tf.sub(x, tf.max(x, axis, true)));
      return tf.div(shifted, tf.sum(shifted, axis, true));
    });
  }
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), axis: this.axis };
  }
}

/** Creates a {@link LeakyReLU} layer. */
export const leakyReLU = (args: LeakyReLUArgs = {}): LeakyReLU => new LeakyReLU(args);
/** Creates a {@link ReLU} layer. */
export const reLU = (args: ReLUArgs = {}): ReLU => new ReLU(args);
/** Creates a {@link Softmax} layer. */
export const softmax = (args: SoftmaxArgs = {}): Softmax => new Softmax(args);
