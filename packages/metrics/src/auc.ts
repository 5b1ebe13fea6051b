import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkBoolean, checkInteger, checkOneOf, invalidArgument } from '@layerwise/core';
import type { ConfigDict } from '@layerwise/core';
import { areaUnderCurve } from './auc-curve.js';
import type { AucCurve, AucSummationMethod } from './auc-curve.js';
import { confusionCounts } from './confusion-matrix.js';
import { checkConfig, checkOptions } from './options.js';
import { StatefulMetric } from './stateful-metric.js';
import { EPSILON, isEvenlyDistributed, parseThresholds } from './thresholds.js';

const OWNER = 'AUC';

/** Options of {@link AUC}. */
export interface AUCOptions {
  /** The number of thresholds discretising the curve, more than 1. Default 200. Ignored with `thresholds`. */
  numThresholds?: number;
  /** `'ROC'` (the default) or `'PR'` (precision against recall). */
  curve?: AucCurve;
  /** The Riemann sum: `'interpolation'` (the default), `'minoring'` or `'majoring'`. */
  summationMethod?: AucSummationMethod;
  /** Thresholds in `[0, 1]` to use instead of `numThresholds` evenly spaced ones (sorted here). */
  thresholds?: readonly number[];
  /** Whether predictions are logits (a sigmoid is applied first). Default false. */
  fromLogits?: boolean;
  /** The name under which the value is logged. Default `'auc'`. */
  name?: string;
}

/**
 * The area under the ROC or precision-recall curve, approximated as Keras' `AUC` does: true and
 * false positives and negatives are accumulated on the device at fixed thresholds (by default
 * `numThresholds` evenly spaced ones, with end points `-1e-7` and `1 + 1e-7`), then the curve
 * through those points is integrated. Labels (non-zero is positive) and predictions of one
 * shape are flattened (Keras' `multi_label=false`); predictions should be probabilities, or
 * logits with `fromLogits`. Weighted by `sampleWeight` when given.
 *
 * @example
 * ```ts
 * const auc = new AUC({ numThresholds: 3 });
 * auc.update(tf.tensor1d([0, 0, 1, 1]), tf.tensor1d([0, 0.5, 0.3, 0.9]));
 * auc.result().print(); // 0.75
 * ```
 */
export class AUC extends StatefulMetric<'tp' | 'fp' | 'tn' | 'fn'> {
  readonly className = OWNER;
  /** The number of thresholds, end points included. */
  readonly numThresholds: number;
  /** The curve integrated. */
  readonly curve: AucCurve;
  /** The Riemann sum used. */
  readonly summationMethod: AucSummationMethod;
  /** Whether predictions are logits. */
  readonly fromLogits: boolean;
  /** Every threshold, end points included, increasing. */
  readonly thresholds: readonly number[];
  private readonly givenThresholds: readonly number[] | undefined;
  private readonly evenlyDistributed: boolean;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: AUCOptions = {}) {
    checkOptions(OWNER, options, ['numThresholds', 'curve', 'summationMethod', 'thresholds', 'fromLogits', 'name']);
    super(OWNER, options.name ?? 'auc');
    this.curve = checkOneOf(OWNER, 'curve', options.curve ?? 'ROC', ['ROC', 'PR'] as const);
    this.summationMethod = checkOneOf(OWNER, 'summationMethod', options.summationMethod ?? 'interpolation', ['interpolation', 'minoring', 'majoring'] as const);
    this.fromLogits = checkBoolean(OWNER, 'fromLogits', options.fromLogits ?? false);
    let inner: number[];
    if (options.thresholds !== undefined && options.thresholds !== null) {
      inner = parseThresholds(OWNER, options.thresholds, 0).sort((a, b) => a - b);
      this.givenThresholds = inner;
      this.numThresholds = inner.length + 2;
      this.evenlyDistributed = isEvenlyDistributed([0, ...inner, 1]);
    } else {
      const n = checkInteger(OWNER, 'numThresholds', options.numThresholds ?? 200, 2);
      inner = Array.from({ length: n - 2 }, (_, i) => (i + 1) / (n - 1));
      this.givenThresholds = undefined;
      this.numThresholds = n;
      this.evenlyDistributed = true;
    }
    this.thresholds = [0 - EPSILON, ...inner, 1 + EPSILON];
  }

  /** Rebuilds the metric from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): AUC {
    const keys = ['name', 'num_thresholds', 'curve', 'summation_method', 'thresholds', 'from_logits', 'multi_label', 'num_labels', 'label_weights'];
    const dict = checkConfig(OWNER, config, keys);
    // Keras' multi-label AUC (one curve per label, averaged) is not implemented.
    for (const [key, none] of [['multi_label', false], ['num_labels', null], ['label_weights', null]] as const) {
      if (dict[key] !== undefined && dict[key] !== none) {
        throw invalidArgument({ owner: `${OWNER}.fromConfig`, argument: key, expected: `${String(none)} (multi-label AUC is not supported)`, received: dict[key] });
      }
    }
    return new AUC({
      name: dict['name'] as string | undefined,
      numThresholds: dict['num_thresholds'] as number | undefined,
      curve: dict['curve'] as AucCurve | undefined,
      summationMethod: dict['summation_method'] as AucSummationMethod | undefined,
      thresholds: (dict['thresholds'] ?? undefined) as number[] | undefined,
      fromLogits: dict['from_logits'] as boolean | undefined,
    });
  }

  /** Adds a batch: `sampleWeight` of shape `[batch]`, `[batch, 1]`, yTrue's shape or `[]`. Nothing is disposed. */
  update(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): void {
    tf.tidy(() => {
      const pred = this.fromLogits ? tf.sigmoid(yPred) : yPred;
      const counts = confusionCounts(this.className, yTrue, pred, sampleWeight, {
        thresholds: this.thresholds,
        evenlyDistributed: this.evenlyDistributed,
      });
      this.state.add(counts);
    });
  }

  /** The area so far, as a new scalar the caller disposes (0 before any update). */
  result(): Tensor {
    const state = this.state.current;
    if (state === undefined) return tf.scalar(0);
    return tf.tidy(() => areaUnderCurve(state, this.curve, this.summationMethod));
  }

  /** Keras' config: `{ name, num_thresholds, curve, summation_method, multi_label, from_logits }`, and `thresholds` when given. */
  getConfig(): ConfigDict {
    return {
      name: this.name,
      num_thresholds: this.numThresholds,
      curve: this.curve,
      summation_method: this.summationMethod,
      multi_label: false,
      from_logits: this.fromLogits,
      ...(this.givenThresholds ? { thresholds: [...this.givenThresholds] } : {}),
    };
  }
}
