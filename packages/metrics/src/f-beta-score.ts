import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { LayerwiseError, checkNumber, checkOneOf, formatShape } from '@layerwise/core';
import type { ConfigDict } from '@layerwise/core';
import { checkConfig, checkOptions } from './options.js';
import { checkTensor, toFloat } from './shapes.js';
import { StatefulMetric } from './stateful-metric.js';
import { EPSILON } from './thresholds.js';

/**
 * How {@link FBetaScore} averages per-class scores: `'none'` (one score per class), `'micro'`
 * (one score from counts summed over classes), `'macro'` (the mean of per-class scores) or
 * `'weighted'` (their mean weighted by each class' number of true instances).
 */
export type FScoreAverage = 'none' | 'micro' | 'macro' | 'weighted';

/** Options of {@link FBetaScore}. */
export interface FBetaScoreOptions {
  /** How per-class scores are averaged. Default `'none'` (Keras' `None`). */
  average?: FScoreAverage;
  /** The weight of recall against precision, more than 0. Default 1. */
  beta?: number;
  /**
   * Predictions above it, in `(0, 1]`, count as positive; without it, each sample's largest
   * prediction does (ties included, all-zero rows giving none).
   */
  threshold?: number;
  /** The name under which the value is logged. Default `'fbeta_score'`. */
  name?: string;
}

/** Options of {@link F1Score}: those of {@link FBetaScore} without `beta`. */
export type F1ScoreOptions = Omit<FBetaScoreOptions, 'beta'>;

const AVERAGES: readonly FScoreAverage[] = ['none', 'micro', 'macro', 'weighted'];

/**
 * What {@link FBetaScore} and {@link F1Score} share, as Keras 3's `FBetaScore`: per-class (or,
 * with `average: 'micro'`, summed) weighted true positives, false positives, false negatives and
 * true instances, and the score computed from them.
 */
export abstract class FScoreBase extends StatefulMetric<'tp' | 'fp' | 'fn' | 'support'> {
  /** How per-class scores are averaged. */
  readonly average: FScoreAverage;
  /** The weight of recall against precision. */
  readonly beta: number;
  /** The positive threshold, or `undefined` for the arg-max. */
  readonly threshold: number | undefined;

  /** Validates the options; `known` lists the option keys the subclass takes. */
  protected constructor(owner: string, defaultName: string, options: FBetaScoreOptions, known: readonly string[]) {
    checkOptions(owner, options, known);
    super(owner, options.name ?? defaultName);
    this.average = checkOneOf(owner, 'average', options.average ?? 'none', AVERAGES);
    this.beta = checkNumber(owner, 'beta', options.beta ?? 1, { min: 0, minExclusive: true });
    this.threshold = options.threshold === undefined || options.threshold === null
      ? undefined
      : checkNumber(owner, 'threshold', options.threshold, { min: 0, max: 1, minExclusive: true });
  }

  /** Adds a batch of `[batch, classes]` targets and predictions, `sampleWeight` `[batch]` or `[batch, 1]`. Nothing is disposed. */
  update(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): void {
    checkTensor(this.className, 'yTrue', yTrue, 2);
    checkTensor(this.className, 'yPred', yPred, 2);
    if (yTrue.rank !== 2 || !tf.util.arraysEqual(yTrue.shape, yPred.shape)) {
      throw new LayerwiseError(
        `${this.className}: yTrue and yPred must both have shape [batch, classes]. ` +
          `Received: yTrue.shape=${formatShape(yTrue.shape)}, yPred.shape=${formatShape(yPred.shape)}`,
      );
    }
    if (sampleWeight !== undefined) checkTensor(this.className, 'sampleWeight', sampleWeight, 0);
    tf.tidy(() => {
      const pred = toFloat(yPred);
      const positive = this.threshold === undefined
        ? tf.logicalAnd(tf.greaterEqual(pred, tf.max(pred, -1, true)), tf.greater(tf.abs(pred), 1e-9))
        : tf.greater(pred, this.threshold);
      const p = tf.cast(positive, 'float32');
      const t = toFloat(yTrue);
      let w: Tensor | undefined;
      if (sampleWeight !== undefined) {
        w = toFloat(sampleWeight);
        while (w.rank < 2) w = tf.expandDims(w, -1);
        if (!broadcastsTo(w.shape, t.shape)) {
          throw new LayerwiseError(
            `${this.className}: sampleWeight must have one weight per sample. ` +
              `Received: sampleWeight.shape=${formatShape(sampleWeight.shape)} for yTrue.shape=${formatShape(yTrue.shape)}`,
          );
        }
      }
      const weightedSum = (v: Tensor): Tensor => {
        const x = w === undefined ? v : tf.mul(v, w);
        return this.average === 'micro' ? tf.sum(x) : tf.sum(x, 0);
      };
      this.state.add({
        tp: weightedSum(tf.mul(p, t)),
        fp: weightedSum(tf.mul(p, tf.sub(1, t))),
        fn: weightedSum(tf.mul(tf.sub(1, p), t)),
        support: weightedSum(t),
      });
    });
  }

  /** The score so far: per class (`average: 'none'`) or a scalar; 0 before any update. */
  result(): Tensor {
    const state = this.state.current;
    if (state === undefined) return tf.scalar(0);
    return tf.tidy(() => {
      const precision = tf.div(state.tp, tf.add(tf.add(state.tp, state.fp), EPSILON));
      const recall = tf.div(state.tp, tf.add(tf.add(state.tp, state.fn), EPSILON));
      const b2 = this.beta * this.beta;
      const mean = tf.div(tf.mul(precision, recall), tf.add(tf.add(tf.mul(precision, b2), recall), EPSILON));
      const score = tf.mul(mean, 1 + b2);
      if (this.average === 'weighted') {
        const weights = tf.div(state.support, tf.add(tf.sum(state.support), EPSILON));
        return tf.sum(tf.mul(score, weights));
      }
      return this.average === 'none' ? score : tf.mean(score);
    });
  }

  /** Keras' config: `{ name, average, beta, threshold }` (`average` and `threshold` `null` when unset). */
  getConfig(): ConfigDict {
    return {
      name: this.name,
      average: this.average === 'none' ? null : this.average,
      beta: this.beta,
      threshold: this.threshold ?? null,
    };
  }
}

/**
 * The F-beta score, `(1 + beta^2) * precision * recall / (beta^2 * precision + recall)`, over
 * everything seen, as Keras 3's `FBetaScore`, for multi-class or multi-label data: targets and
 * predictions of shape `[batch, classes]`. Per-class true positives, false positives, false
 * negatives and true instances are accumulated (weighted by `sampleWeight`, `[batch]`), and the
 * scores come from them with Keras' `1e-7` guards. With `average: 'none'` the result has one
 * score per class (shape `[classes]`), else it is a scalar.
 *
 * @example
 * ```ts
 * const f = new FBetaScore({ beta: 2, threshold: 0.5, average: 'macro' });
 * f.update(tf.tensor2d([[1, 1, 1], [1, 0, 0], [1, 1, 0]]), tf.tensor2d([[0.2, 0.6, 0.7], [0.2, 0.6, 0.6], [0.6, 0.8, 0]]));
 * f.result().print();
 * ```
 */
export class FBetaScore extends FScoreBase {
  readonly className: string = 'FBetaScore';

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: FBetaScoreOptions = {}) {
    super('FBetaScore', 'fbeta_score', options, ['average', 'beta', 'threshold', 'name']);
  }

  /** Rebuilds the metric from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): FBetaScore {
    const dict = checkConfig('FBetaScore', config, ['name', 'average', 'beta', 'threshold']);
    return new FBetaScore(readOptions(dict));
  }
}

/** Whether `from` broadcasts to `to` (numpy rules, `from` of the same rank). */
function broadcastsTo(from: readonly number[], to: readonly number[]): boolean {
  return from.length === to.length && from.every((d, i) => d === 1 || d === to[i]);
}

/** Keras' F-score config keys as options (`average: null` is `'none'`). */
function readOptions(dict: ConfigDict): FBetaScoreOptions {
  const options: FBetaScoreOptions = { average: (dict['average'] ?? 'none') as FScoreAverage };
  if (dict['name'] !== undefined) options.name = dict['name'] as string;
  if (dict['beta'] !== undefined) options.beta = dict['beta'] as number;
  if (dict['threshold'] != null) options.threshold = dict['threshold'] as number;
  return options;
}

/**
 * The F1 score, the harmonic mean of precision and recall, as Keras 3's `F1Score`: an
 * {@link FBetaScore} with `beta = 1`.
 *
 * @example
 * ```ts
 * const f1 = new F1Score({ threshold: 0.5 });
 * f1.update(tf.tensor2d([[1, 1, 1], [1, 0, 0], [1, 1, 0]]), tf.tensor2d([[0.2, 0.6, 0.7], [0.2, 0.6, 0.6], [0.6, 0.8, 0]]));
 * f1.result().print(); // [0.5, 0.8, 0.6667]
 * ```
 */
export class F1Score extends FScoreBase {
  readonly className: string = 'F1Score';

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: F1ScoreOptions = {}) {
    super('F1Score', 'f1_score', options, ['average', 'threshold', 'name']);
  }

  /** Rebuilds the metric from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): F1Score {
    const dict = checkConfig('F1Score', config, ['name', 'average', 'threshold']);
    return new F1Score(readOptions(dict));
  }

  /** Keras' config: `{ name, average, threshold }`. */
  override getConfig(): ConfigDict {
    const { beta: _beta, ...config } = super.getConfig();
    return config;
  }
}
