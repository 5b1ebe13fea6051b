import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict } from '@layerwise/core';
import type { ConfusionCounts } from './confusion-matrix.js';
import { PrecisionRecallBase, readPrecisionRecallConfig } from './precision-recall-base.js';
import type { PrecisionRecallOptions } from './precision-recall-base.js';

/**
 * The recall of predictions, `tp / (tp + fn)` over everything seen, as Keras' `Recall`: labels
 * (non-zero is positive) and predictions of one shape are flattened and a prediction above the
 * threshold is positive; with `topK` only each sample's `topK` largest predictions can be, with
 * `classId` only that class counts. Weighted by `sampleWeight` when given.
 *
 * @example
 * ```ts
 * const m = new Recall();
 * m.update(tf.tensor1d([0, 1, 1, 1]), tf.tensor1d([1, 0, 1, 1]));
 * m.result().print(); // 0.6667
 * ```
 */
export class Recall extends PrecisionRecallBase {
  readonly className = 'Recall';

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: PrecisionRecallOptions = {}) {
    super('Recall', 'recall', options);
  }

  /** Rebuilds the metric from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): Recall {
    return new Recall(readPrecisionRecallConfig('Recall', config));
  }

  /** False negatives. */
  protected other(counts: ConfusionCounts): Tensor {
    return counts.fn;
  }
}
