import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict } from '@layerwise/core';
import { ConfusionCount, readConfusionCountConfig } from './confusion-count.js';
import type { ConfusionCountOptions } from './confusion-count.js';
import type { ConfusionCounts } from './confusion-matrix.js';

/**
 * The weighted number of true positives (positive label, prediction above the threshold), as
 * Keras' `TruePositives`.
 *
 * @example
 * ```ts
 * const m = new TruePositives();
 * m.update(tf.tensor1d([0, 1, 1, 1]), tf.tensor1d([1, 0, 1, 1]));
 * m.result().print(); // 2
 * ```
 */
export class TruePositives extends ConfusionCount {
  readonly className = 'TruePositives';
  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: ConfusionCountOptions = {}) {
    super('TruePositives', 'true_positives', options);
  }
  /** Rebuilds the metric from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): TruePositives {
    return new TruePositives(readConfusionCountConfig('TruePositives', config));
  }
  /** True positives. */
  protected pick(counts: ConfusionCounts): Tensor {
    return counts.tp;
  }
}

/**
 * The weighted number of true negatives (zero label, prediction at or below the threshold), as
 * Keras' `TrueNegatives`.
 *
 * @example
 * ```ts
 * const m = new TrueNegatives();
 * m.update(tf.tensor1d([0, 1, 0, 0]), tf.tensor1d([0, 0, 1, 1]));
 * m.result().print(); // 1
 * ```
 */
export class TrueNegatives extends ConfusionCount {
  readonly className = 'TrueNegatives';
  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: ConfusionCountOptions = {}) {
    super('TrueNegatives', 'true_negatives', options);
  }
  /** Rebuilds the metric from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): TrueNegatives {
    return new TrueNegatives(readConfusionCountConfig('TrueNegatives', config));
  }
  /** True negatives. */
  protected pick(counts: ConfusionCounts): Tensor {
    return counts.tn;
  }
}

/**
 * The weighted number of false positives (zero label, prediction above the threshold), as
 * Keras' `FalsePositives`.
 *
 * @example
 * ```ts
 * const m = new FalsePositives();
 * m.update(tf.tensor1d([0, 1, 0, 0]), tf.tensor1d([0, 0, 1, 1]));
 * m.result().print(); // 2
 * ```
 */
export class FalsePositives extends ConfusionCount {
  readonly className = 'FalsePositives';
  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: ConfusionCountOptions = {}) {
    super('FalsePositives', 'false_positives', options);
  }
  /** Rebuilds the metric from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): FalsePositives {
    return new FalsePositives(readConfusionCountConfig('FalsePositives', config));
  }
  /** False positives. */
  protected pick(counts: ConfusionCounts): Tensor {
    return counts.fp;
  }
}

/**
 * The weighted number of false negatives (positive label, prediction at or below the
 * threshold), as Keras' `FalseNegatives`.
 *
 * @example
 * ```ts
 * const m = new FalseNegatives();
 * m.update(tf.tensor1d([0, 1, 1, 1]), tf.tensor1d([0, 1, 0, 0]));
 * m.result().print(); // 2
 * ```
 */
export class FalseNegatives extends ConfusionCount {
  readonly className = 'FalseNegatives';
  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: ConfusionCountOptions = {}) {
    super('FalseNegatives', 'false_negatives', options);
  }
  /** Rebuilds the metric from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): FalseNegatives {
    return new FalseNegatives(readConfusionCountConfig('FalseNegatives', config));
  }
  /** False negatives. */
  protected pick(counts: ConfusionCounts): Tensor {
    return counts.fn;
  }
}
