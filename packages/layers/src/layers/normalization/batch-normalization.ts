import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { checkInteger, checkNumber, formatShape, LayerwiseError, type ConfigDict, type Shape } from '@layerwise/core';
import { Layer, type CallContext, type LayerArgs } from '../../engine/layer.js';
import { getInitializer, type InitializerIdentifier } from '../../initializers/index.js';

/** Arguments of {@link BatchNormalization}, with Keras' defaults. */
export interface BatchNormalizationArgs extends LayerArgs {
  /** The feature (channel) axis. Default -1. */
  axis?: number;
  /** Weight of the old value in the moving averages. Default 0.99. */
  momentum?: number;
  /** Added to the variance. Default 1e-3. */
  epsilon?: number;
  /** Learn an offset `beta`. Default true. */
  center?: boolean;
  /** Learn a scale `gamma`. Default true. */
  scale?: boolean;
  betaInitializer?: InitializerIdentifier;
  gammaInitializer?: InitializerIdentifier;
  movingMeanInitializer?: InitializerIdentifier;
  movingVarianceInitializer?: InitializerIdentifier;
}

/**
 * Keras' BatchNormalization: in training, normalises with the batch's mean and (biased) variance
 * over every axis but `axis` and updates the moving averages; at inference, uses the moving
 * averages. As in Keras 3, a frozen layer (`trainable = false`) always runs in inference mode, which
 * is what fine-tuning a pretrained base needs. Weights: gamma, beta (trainable), moving_mean,
 * moving_variance (non-trainable), in Keras' order.
 */
export class BatchNormalization extends Layer {
  static override readonly className = 'BatchNormalization';
  override readonly supportsMasking = true;
  readonly axis: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  private readonly initializers;
  private gamma: Variable | undefined;
  private beta: Variable | undefined;
  private movingMean: Variable | undefined;
  private movingVariance: Variable | undefined;

  constructor(args: BatchNormalizationArgs = {}) {
    super(args);
    const owner = `BatchNormalization "${this.name}"`;
    this.axis = args.axis ?? -1;
    if (!Number.isInteger(this.axis)) checkInteger(owner, 'axis', this.axis);
    this.momentum = checkNumber(owner, 'momentum', args.momentum ?? 0.99, { min: 0, max: 1 });
    this.epsilon = checkNumber(owner, 'epsilon', args.epsilon ?? 1e-3, { min: 0, minExclusive: true });
    this.center = args.center ?? true;
    this.scale = args.scale ?? true;
    this.initializers = {
      beta: getInitializer(args.betaInitializer ?? 'zeros', owner, 'betaInitializer'),
      gamma: getInitializer(args.gammaInitializer ?? 'ones', owner, 'gammaInitializer'),
      movingMean: getInitializer(args.movingMeanInitializer ?? 'zeros', owner, 'movingMeanInitializer'),
      movingVariance: getInitializer(args.movingVarianceInitializer ?? 'ones', owner, 'movingVarianceInitializer'),
    };
  }

  private channelAxis(rank: number): number {
    const axis = this.axis < 0 ? rank + this.axis : this.axis;
    if (axis < 1 || axis >= rank) {
      throw new LayerwiseError(`BatchNormalization "${this.name}": axis ${this.axis} does not fit inputs of rank ${rank}`);
    }
    return axis;
  }

  override build(inputShape: Shape): void {
    const axis = this.channelAxis(inputShape.length);
    const channels = inputShape[axis];
    if (channels == null) {
      throw new LayerwiseError(`BatchNormalization "${this.name}": the feature axis must be known, received ${formatShape(inputShape)}`);
    }
    const shape = [channels];
    if (this.scale) this.gamma = this.addWeight({ name: 'gamma', shape, initializer: this.initializers.gamma });
    if (this.center) this.beta = this.addWeight({ name: 'beta', shape, initializer: this.initializers.beta });
    this.movingMean = this.addWeight({ name: 'moving_mean', shape, initializer: this.initializers.movingMean, trainable: false });
    this.movingVariance = this.addWeight({ name: 'moving_variance', shape, initializer: this.initializers.movingVariance, trainable: false });
  }

  call(x: Tensor, { training }: CallContext): Tensor {
    const axis = this.channelAxis(x.rank);
    const reduce = Array.from({ length: x.rank }, (_, i) => i).filter((i) => i !== axis);
    const broadcast = x.shape.map((d, i) => (i === axis ? d : 1));
    const shaped = (t: Tensor) => (axis === x.rank - 1 ? t : tf.reshape(t, broadcast));
    return tf.tidy(() => {
      let mean: Tensor = this.movingMean!;
      let variance: Tensor = this.movingVariance!;
      if (training && this.trainable) {
        const moments = tf.moments(x, reduce);
        mean = moments.mean;
        variance = moments.variance;
        const m = this.momentum;
        this.movingMean!.assign(tf.add(tf.mul(this.movingMean!, m), tf.mul(mean, 1 - m)));
        this.movingVariance!.assign(tf.add(tf.mul(this.movingVariance!, m), tf.mul(variance, 1 - m)));
      }
      let y = tf.div(tf.sub(x, shaped(mean)), tf.sqrt(tf.add(shaped(variance), this.epsilon)));
      if (this.gamma) y = tf.mul(y, shaped(this.gamma));
      if (this.beta) y = tf.add(y, shaped(this.beta));
      return y;
    });
  }

  override getConfig(): ConfigDict {
    const ser = (i: { className: string; getConfig(): ConfigDict }) => ({ class_name: i.className, config: i.getConfig() });
    return {
      ...super.getConfig(),
      axis: this.axis,
      momentum: this.momentum,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      beta_initializer: ser(this.initializers.beta),
      gamma_initializer: ser(this.initializers.gamma),
      moving_mean_initializer: ser(this.initializers.movingMean),
      moving_variance_initializer: ser(this.initializers.movingVariance),
    };
  }
}

/** Creates a {@link BatchNormalization} layer. */
export const batchNormalization = (args: BatchNormalizationArgs = {}): BatchNormalization => new BatchNormalization(args);
