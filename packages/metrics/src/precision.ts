import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict } from '@layerwise/core';
import type { ConfusionCounts } from './confusion-matrix.js';
import { PrecisionRecallBase, readPrecisionRecallConfig } from './precision-recall-base.js';
import type { PrecisionRecallOptions } from './precision-recall-base.js';

/**
 * The precision of predictions, `tp / (tp + fp)` over everything seen, as Keras' `Precision`:
 * labels (non-zero is positive) and predictions of one shape are flattened and a prediction
 * above the threshold is positive; with `topK` only each sample's `topK` largest predictions
 * can be, with `classId` only that class counts. Weighted by `sampleWeight` when given.
 *
 * @example
 * ```ts
 * const m = new Precision();
 * m.update(tf.tensor1d([0, 1, 1, 1]), tf.tensor1d([1, 0, 1, 1]));
 * m.result().print(); // 0.6667
 * ```
 */
export class Precision extends PrecisionRecallBase {
  readonly className = 'Precision';

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: PrecisionRecallOptions = {}) {
    super('Precision', 'precision', options);
  }

  /** Rebuilds the metric from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): Precision {
    return new Precision(readPrecisionRecallConfig('Precision', config));
  }

  /** False positives. */
  protected other(counts: ConfusionCounts): Tensor {
    return counts.fp;
  }
}
