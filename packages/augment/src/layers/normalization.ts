import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { checkBoolean, checkInteger, formatShape, LayerwiseError, type ConfigDict, type Shape } from '@layerwise/core';
import { Layer, initializers, type CallContext, type LayerArgs } from '@layerwise/layers';
import { mergeMoments, variance, type Moments } from './running-moments.js';

/** Arguments of {@link Normalization}. */
export interface NormalizationArgs extends LayerArgs {
  /** The axis holding the features that get their own mean and variance. Default -1 (channels). */
  axis?: number;
  /** Fixed per-feature means (with `variance`); otherwise {@link Normalization.adapt} computes them. */
  mean?: number | readonly number[];
  /** Fixed per-feature variances (with `mean`). */
  variance?: number | readonly number[];
  /** Undo the normalisation instead (`x * std + mean`). Default false. */
  invert?: boolean;
}

/** What {@link Normalization.adapt} reads: a tensor, or (async) iterables of tensors or `{ x }` batches. */
export type AdaptData = Tensor | Iterable<Tensor | { x: Tensor }> | AsyncIterable<Tensor | { x: Tensor }>;

const EPSILON = 1e-7;

/**
 * `(x - mean) / sqrt(variance)` per feature along `axis`, in training and at inference (Keras 3's
 * `Normalization`). Give `mean` and `variance`, or call {@link adapt} on the data first: the
 * statistics are kept as two non-trainable weights, saved with the model.
 */
export class Normalization extends Layer {
  static override readonly className = 'Normalization';
  readonly axis: number;
  readonly invert: boolean;
  private readonly fixed: { mean: number[]; variance: number[] } | undefined;
  private meanWeight: Variable | undefined;
  private varianceWeight: Variable | undefined;
  private adapted = false;

  constructor(args: NormalizationArgs = {}) {
    super(args);
    const owner = `Normalization "${this.name}"`;
    this.axis = checkInteger(owner, 'axis', args.axis ?? -1, -Infinity);
    this.invert = checkBoolean(owner, 'invert', args.invert ?? false);
    if ((args.mean === undefined) !== (args.variance === undefined)) {
      throw new LayerwiseError(`${owner}: give both \`mean\` and \`variance\`, or neither (and call adapt). Received: mean=${JSON.stringify(args.mean)}, variance=${JSON.stringify(args.variance)}`);
    }
    if (args.mean !== undefined && args.variance !== undefined) {
      const list = (v: number | readonly number[]) => (typeof v === 'number' ? [v] : [...v]);
      const variances = list(args.variance);
      if (variances.some((v) => !(v >= 0))) throw new LayerwiseError(`${owner}: \`variance\` must be non-negative. Received: variance=${JSON.stringify(args.variance)}`);
      this.fixed = { mean: list(args.mean), variance: variances };
    }
  }

  private featureAxis(rank: number): number {
    const axis = this.axis < 0 ? rank + this.axis : this.axis;
    if (axis < 1 || axis >= rank) {
      throw new LayerwiseError(`Normalization "${this.name}": \`axis\` ${this.axis} is not a feature axis of inputs of rank ${rank} (the batch axis 0 excluded)`);
    }
    return axis;
  }

  override build(inputShape: Shape): void {
    if (this.fixed) return;
    const features = inputShape[this.featureAxis(inputShape.length + 1) - 1];
    if (features === null || features === undefined) throw new LayerwiseError(`Normalization "${this.name}": the feature axis must have a known size; input shape ${formatShape(inputShape)}`);
    this.meanWeight = this.addWeight({ name: 'mean', shape: [features], initializer: new initializers.Zeros(), trainable: false });
    this.varianceWeight = this.addWeight({ name: 'variance', shape: [features], initializer: new initializers.Ones(), trainable: false });
  }

  /**
   * Computes the per-feature mean and variance of `data` (all of it, batch by batch) and keeps them
   * in the layer's weights: Keras' `adapt`.
   *
   * @example
   * ```ts
   * const norm = normalization();
   * await norm.adapt(trainImages);
   * ```
   */
  async adapt(data: AdaptData): Promise<void> {
    if (this.fixed) throw new LayerwiseError(`Normalization "${this.name}": adapt() cannot change a layer built with fixed mean and variance`);
    let moments: Moments | undefined;
    const add = (x: Tensor) => {
      if (!this.built) this.ensureBuilt(x.shape);
      const axis = this.featureAxis(x.rank);
      const axes = x.shape.map((_, i) => i).filter((i) => i !== axis);
      const [mean, variance] = tf.tidy(() => {
        const m = tf.moments(tf.cast(x, 'float32'), axes);
        return [m.mean, m.variance];
      });
      const count = x.size / x.shape[axis]!;
      const means = Array.from(mean.dataSync());
      moments = mergeMoments(moments, { count, mean: means, m2: Array.from(variance.dataSync(), (v) => v * count) });
      tf.dispose([mean, variance]);
    };
    if (data instanceof tf.Tensor) add(data);
    else for await (const item of data as AsyncIterable<Tensor | { x: Tensor }>) add(item instanceof tf.Tensor ? item : item.x);
    if (!moments) throw new LayerwiseError(`Normalization "${this.name}": adapt() received no data`);
    const stats = moments;
    tf.tidy(() => {
      this.meanWeight!.assign(tf.tensor1d(stats.mean as number[]));
      this.varianceWeight!.assign(tf.tensor1d(variance(stats)));
    });
    this.adapted = true;
  }

  /** Whether the statistics are known (given, adapted, or loaded with the weights). */
  get ready(): boolean {
    return this.fixed !== undefined || this.adapted;
  }

  call(x: Tensor, _context: CallContext): Tensor {
    return tf.tidy(() => {
      const axis = this.featureAxis(x.rank);
      const shape = x.shape.map((d, i) => (i === axis ? d : 1));
      const mean = tf.reshape(this.fixed ? tf.broadcastTo(tf.tensor1d(this.fixed.mean), [x.shape[axis]!]) : this.meanWeight!, shape);
      const variance = tf.reshape(this.fixed ? tf.broadcastTo(tf.tensor1d(this.fixed.variance), [x.shape[axis]!]) : this.varianceWeight!, shape);
      const std = tf.maximum(tf.sqrt(variance), EPSILON);
      const input = tf.cast(x, 'float32');
      return this.invert ? tf.add(tf.mul(input, std), mean) : tf.div(tf.sub(input, mean), std);
    });
  }

  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      axis: this.axis,
      invert: this.invert,
      mean: this.fixed ? this.fixed.mean : null,
      variance: this.fixed ? this.fixed.variance : null,
    };
  }
}

/** Creates a {@link Normalization} layer. */
export const normalization = (args: NormalizationArgs = {}): Normalization => new Normalization(args);
