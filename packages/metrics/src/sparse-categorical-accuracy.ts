import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict, Serializable } from '@layerwise/core';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import { checkConfig, checkOptions } from './options.js';
import { checkTensor, sparseLabels } from './shapes.js';

const OWNER = 'SparseCategoricalAccuracy';

/** Options of {@link SparseCategoricalAccuracy}. */
export interface SparseCategoricalAccuracyOptions {
  /** The name under which the value is logged. Default `'sparse_categorical_accuracy'`. */
  name?: string;
}

/**
 * 1 where the integer label equals the index of the largest prediction, else 0 (as Keras'
 * `sparse_categorical_accuracy`): labels `[batch]` or `[batch, 1]` of any numeric dtype against
 * scores `[batch, classes]` (probabilities or logits alike). Returns float32 of the labels'
 * shape without a trailing 1. Ties go to the first largest score.
 */
export function sparseCategoricalMatches(yTrue: Tensor, yPred: Tensor): Tensor {
  checkTensor(OWNER, 'yTrue', yTrue, 1);
  checkTensor(OWNER, 'yPred', yPred, 2);
  return tf.tidy(() => {
    const labels = sparseLabels(OWNER, yTrue, yPred);
    const predicted = tf.cast(tf.argMax(yPred, -1), 'float32');
    return tf.cast(tf.equal(labels, predicted), 'float32');
  });
}

/**
 * How often integer labels match the class of the largest prediction, as Keras'
 * `SparseCategoricalAccuracy`; the metric `'accuracy'` resolves to for a sparse categorical
 * cross-entropy loss. Optional sample weights (`[batch]`) weight each sample's match.
 *
 * @example
 * ```ts
 * const accuracy = new SparseCategoricalAccuracy();
 * accuracy.update(tf.tensor1d([2, 0], 'int32'), tf.tensor2d([[0.1, 0.2, 0.7], [0.3, 0.6, 0.1]]));
 * accuracy.result().print(); // 0.5
 * ```
 */
export class SparseCategoricalAccuracy extends MeanMetricWrapper implements Serializable {
  override readonly className: string = OWNER;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: SparseCategoricalAccuracyOptions = {}) {
    checkOptions(OWNER, options, ['name']);
    super(sparseCategoricalMatches, { name: options.name ?? 'sparse_categorical_accuracy' });
  }

  /** Rebuilds the metric from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): SparseCategoricalAccuracy {
    const dict = checkConfig(OWNER, config, ['name']);
    return new SparseCategoricalAccuracy({ name: dict['name'] as string | undefined });
  }
}
