import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkNumber, formatShape, invalidArgument, LayerwiseError, type ConfigDict } from '@layerwise/core';
import { Layer, type CallContext, type LayerArgs } from '../../engine/layer.js';
import { maskList } from '../../engine/mask.js';

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

/** What Keras puts in place of masked inputs before a softmax (float32's stand-in for minus infinity). */
const LARGE_NEGATIVE = -1e9;

/**
 * A mask as a boolean tensor of the input's rank that broadcasts to it: a mask with the input's
 * leading axes (the masks models carry, `[batch, timesteps]` for `[batch, timesteps, features]`)
 * gets trailing axes of 1; otherwise, as Keras, it must broadcast from the last axis (each
 * dimension 1 or the input's, e.g. `[batch, 1, 1, keys]` for attention scores).
 */
function softmaxMask(owner: string, mask: Tensor, shape: readonly number[]): Tensor {
  const keep = mask.dtype === 'bool' ? mask : tf.greater(mask, 0.5);
  const extra = shape.length - keep.rank;
  if (extra >= 0 && keep.shape.every((d, i) => d === shape[i])) return tf.reshape(keep, [...keep.shape, ...new Array<number>(extra).fill(1)]);
  if (extra >= 0 && keep.shape.every((d, i) => d === 1 || d === shape[extra + i])) return tf.reshape(keep, [...new Array<number>(extra).fill(1), ...keep.shape]);
  throw new LayerwiseError(
    `${owner}: the mask must have the input's leading axes, or broadcast to the input from its last axis (each dimension 1 or the input's); ` +
      `received a mask of shape ${formatShape(mask.shape)} for an input of shape ${formatShape(shape)}`,
  );
}

/**
 * Softmax over `axis` (Keras' `Softmax` layer). With a mask (the input's, carried by a model, or
 * `context.mask` given to `apply`), masked positions are replaced by a large negative value (-1e9)
 * before the softmax, so their probability is 0 and the rest share all of it, and the output is
 * then set to 0 wherever the mask is false (a slice masked throughout is all zeros, not uniform),
 * as Keras 3. The mask is passed on to the next layer.
 */
export class Softmax extends Layer {
  static override readonly className = 'Softmax';
  override readonly supportsMasking = true;
  readonly axis: number;
  constructor(args: SoftmaxArgs = {}) {
    super(args);
    this.axis = args.axis ?? -1;
    if (!Number.isInteger(this.axis)) throw invalidArgument({ owner: `Softmax "${this.name}"`, argument: 'axis', expected: 'an integer (negative counts from the last axis)', received: this.axis });
  }
  call(x: Tensor, context: CallContext = { training: false }): Tensor {
    const axis = this.axis < 0 ? x.rank + this.axis : this.axis;
    const mask = maskList(context.mask)[0];
    if (mask === undefined) return softmaxOver(x, axis);
    return tf.tidy(() => {
      const keep = tf.broadcastTo(softmaxMask(`Softmax "${this.name}"`, mask, x.shape), x.shape);
      const out = softmaxOver(tf.where(keep, x, tf.fill(x.shape, LARGE_NEGATIVE, x.dtype)), axis);
      return tf.where(keep, out, tf.zerosLike(out));
    });
  }
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), axis: this.axis };
  }
}

/** Softmax of `x` over one axis (counted from 0). */
function softmaxOver(x: Tensor, axis: number): Tensor {
  if (axis === x.rank - 1) return tf.softmax(x);
  return tf.tidy(() => {
    const shifted = tf.exp(tf.sub(x, tf.max(x, axis, true)));
    return tf.div(shifted, tf.sum(shifted, axis, true));
  });
}

/** Creates a {@link LeakyReLU} layer. */
export const leakyReLU = (args: LeakyReLUArgs = {}): LeakyReLU => new LeakyReLU(args);
/** Creates a {@link ReLU} layer. */
export const reLU = (args: ReLUArgs = {}): ReLU => new ReLU(args);
/** Creates a {@link Softmax} layer. */
export const softmax = (args: SoftmaxArgs = {}): Softmax => new Softmax(args);
