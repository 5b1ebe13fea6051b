import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict, Serializable } from '@layerwise/core';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import { checkConfig, checkOptions } from './options.js';
import { alignTargets, checkTensor } from './shapes.js';

const OWNER = 'CategoricalAccuracy';

/** Options of {@link CategoricalAccuracy}. */
export interface CategoricalAccuracyOptions {
  /** The name under which the value is logged. Default `'categorical_accuracy'`. */
  name?: string;
}

/**
 * 1 where the largest target and the largest prediction are at the same class index, else 0
 * (as Keras' `categorical_accuracy`): one-hot (or soft) targets and scores of one shape
 * `[batch, ..., classes]`. Returns float32 of shape `[batch, ...]`. Ties go to the first.
 */
export function categoricalMatches(yTrue: Tensor, yPred: Tensor): Tensor {
  checkTensor(OWNER, 'yTrue', yTrue, 2);
  checkTensor(OWNER, 'yPred', yPred, 2);
  return tf.tidy(() => {
    const [targets, pred] = alignTargets(OWNER, yTrue, yPred);
    return tf.cast(tf.equal(tf.argMax(targets, -1), tf.argMax(pred, -1)), 'float32');
  });
}

/**
 * How often the predicted class (largest score) is the target's class for one-hot targets, as
 * Keras' `CategoricalAccuracy`; the metric `'accuracy'` resolves to for a categorical
 * cross-entropy loss (and for losses other than the cross-entropies). Optional sample weights
 * (`[batch]`) weight each sample's match.
 *
 * @example
 * ```ts
 * const accuracy = new CategoricalAccuracy();
 * accuracy.update(tf.tensor2d([[0, 0, 1], [1, 0, 0]]), tf.tensor2d([[0.1, 0.2, 0.7], [0.3, 0.6, 0.1]]));
 * accuracy.result().print(); // 0.5
 * ```
 */
export class CategoricalAccuracy extends MeanMetricWrapper implements Serializable {
  override readonly className: string = OWNER;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: CategoricalAccuracyOptions = {}) {
    checkOptions(OWNER, options, ['name']);
    super(categoricalMatches, { name: options.name ?? 'categorical_accuracy' });
  }

  /** Rebuilds the metric from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): CategoricalAccuracy {
    const dict = checkConfig(OWNER, config, ['name']);
    return new CategoricalAccuracy({ name: dict['name'] as string | undefined });
  }
}
