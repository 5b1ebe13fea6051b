import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { LayerwiseError, checkInteger, checkOneOf, formatShape } from '@layerwise/core';
import type { ConfigDict } from '@layerwise/core';
import { checkConfig, checkOptions } from './options.js';
import { alignTargets, checkTensor } from './shapes.js';
import { StatefulMetric } from './stateful-metric.js';

const OWNER = 'R2Score';

/**
 * How {@link R2Score} combines the scores of several outputs: their mean (`'uniform_average'`),
 * their mean weighted by each output's variance (`'variance_weighted_average'`), or none
 * (`'none'`, one score per output).
 */
export type R2ClassAggregation = 'uniform_average' | 'variance_weighted_average' | 'none';

/** Options of {@link R2Score}. */
export interface R2ScoreOptions {
  /** How the scores of several outputs are combined. Default `'uniform_average'`. */
  classAggregation?: R2ClassAggregation;
  /** The number of regressors, for the adjusted R² (0, the default, gives the plain R²). */
  numRegressors?: number;
  /** The name under which the value is logged. Default `'r2_score'`. */
  name?: string;
}

/**
 * The coefficient of determination `1 - sum((yTrue - yPred)^2) / sum((yTrue - mean(yTrue))^2)`
 * over everything seen, per output, as Keras 3's `R2Score`: targets and predictions of shape
 * `[batch, outputs]` (or `[batch]`, one output), sample weights `[batch]`. Sums are accumulated
 * on the device. An output whose targets do not vary scores 0 (Keras' guard against infinity).
 * With `numRegressors` p, the adjusted score `1 - (1 - R²) (n - 1) / (n - p - 1)` is given when
 * `n - 1 > p` (n counting samples of non-zero weight), else the plain one (Keras warns then).
 * Before any sample of non-zero weight (after `reset` too) the result is 0, where Keras gives NaN.
 *
 * @example
 * ```ts
 * const r2 = new R2Score();
 * r2.update(tf.tensor2d([[1], [4], [3]]), tf.tensor2d([[2], [4], [4]]));
 * r2.result().print(); // 0.5714
 * ```
 */
export class R2Score extends StatefulMetric<'sum' | 'squaredSum' | 'residual' | 'count' | 'samples'> {
  readonly className = OWNER;
  /** How the scores of several outputs are combined. */
  readonly classAggregation: R2ClassAggregation;
  /** The number of regressors (0 for the plain R²). */
  readonly numRegressors: number;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: R2ScoreOptions = {}) {
    checkOptions(OWNER, options, ['classAggregation', 'numRegressors', 'name']);
    super(OWNER, options.name ?? 'r2_score');
    this.classAggregation = checkOneOf(OWNER, 'classAggregation', options.classAggregation ?? 'uniform_average', [
      'uniform_average',
      'variance_weighted_average',
      'none',
    ] as const);
    this.numRegressors = checkInteger(OWNER, 'numRegressors', options.numRegressors ?? 0, 0);
  }

  /** Rebuilds the metric from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): R2Score {
    const dict = checkConfig(OWNER, config, ['name', 'class_aggregation', 'num_regressors']);
    return new R2Score({
      // Keras writes `None` (no aggregation) as null; a missing key means the default.
      classAggregation: (dict['class_aggregation'] === null ? 'none' : dict['class_aggregation']) as R2ClassAggregation | undefined,
      numRegressors: dict['num_regressors'] as number | undefined,
      name: dict['name'] as string | undefined,
    });
  }

  /** Adds a batch: targets and predictions `[batch, outputs]`, `sampleWeight` `[batch]`, `[batch, 1]` or `[]`. Nothing is disposed. */
  update(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): void {
    checkTensor(OWNER, 'yTrue', yTrue, 1);
    checkTensor(OWNER, 'yPred', yPred, 1);
    if (sampleWeight !== undefined) checkTensor(OWNER, 'sampleWeight', sampleWeight, 0);
    tf.tidy(() => {
      let [t, p] = alignTargets(OWNER, yTrue, yPred);
      if (t.rank === 1) [t, p] = [tf.expandDims(t, -1), tf.expandDims(p, -1)];
      if (t.rank !== 2) {
        throw new LayerwiseError(`${OWNER}: expects targets of shape [batch, outputs]. Received: yTrue.shape=${formatShape(yTrue.shape)}`);
      }
      let w: Tensor = tf.onesLike(t);
      if (sampleWeight !== undefined) {
        let given = tf.cast(sampleWeight, 'float32');
        if (given.rank === 1) given = tf.expandDims(given, 1);
        try {
          w = tf.broadcastTo(given, t.shape);
        } catch {
          throw new LayerwiseError(
            `${OWNER}: sampleWeight must have one weight per sample. Received: sampleWeight.shape=${formatShape(sampleWeight.shape)} for yTrue.shape=${formatShape(yTrue.shape)}`,
          );
        }
      }
      const weighted = tf.mul(t, w);
      this.state.add({
        sum: tf.sum(weighted, 0),
        squaredSum: tf.sum(tf.mul(t, weighted), 0),
        residual: tf.sum(tf.mul(tf.square(tf.sub(t, p)), w), 0),
        count: tf.sum(w, 0),
        samples: tf.sum(tf.cast(tf.any(tf.notEqual(w, 0), -1), 'float32')),
      });
    });
  }

  /** The score so far: a scalar, or one per output with `classAggregation: 'none'`; 0 before any weighted sample. */
  result(): Tensor {
    const s = this.state.current;
    if (s === undefined) return tf.scalar(0);
    return tf.tidy(() => {
      const mean = tf.div(s.sum, s.count);
      const total = tf.sub(s.squaredSum, tf.mul(s.sum, mean));
      const raw = tf.sub(1, tf.div(s.residual, total));
      const scores = tf.where(tf.isInf(raw), tf.zerosLike(raw), raw);
      let r2: Tensor;
      if (this.classAggregation === 'uniform_average') r2 = tf.mean(scores);
      else if (this.classAggregation === 'variance_weighted_average') r2 = tf.div(tf.sum(tf.mul(total, scores)), tf.sum(total));
      else r2 = scores;
      const n = s.samples;
      if (this.numRegressors !== 0) {
        const adjusted = tf.sub(1, tf.div(tf.mul(tf.sub(1, r2), tf.sub(n, 1)), tf.sub(tf.sub(n, this.numRegressors), 1)));
        r2 = tf.where(tf.greater(tf.sub(n, 1), this.numRegressors), adjusted, r2);
      }
      // Nothing seen yet (or only zero weights, or just reset): 0, where Keras' 0 / 0 gives NaN.
      return tf.where(tf.greater(n, 0), r2, tf.zerosLike(r2));
    });
  }

  /** Keras' config: `{ name, class_aggregation, num_regressors }` (`class_aggregation` `null` for `'none'`). */
  getConfig(): ConfigDict {
    return {
      name: this.name,
      class_aggregation: this.classAggregation === 'none' ? null : this.classAggregation,
      num_regressors: this.numRegressors,
    };
  }
}
