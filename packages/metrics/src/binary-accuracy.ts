import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkNumber } from '@layerwise/core';
import type { ConfigDict, Serializable } from '@layerwise/core';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import { checkConfig, checkOptions } from './options.js';
import { alignTargets, checkTensor } from './shapes.js';

const OWNER = 'BinaryAccuracy';

/** Options of {@link BinaryAccuracy}. */
export interface BinaryAccuracyOptions {
  /** The name under which the value is logged. Default `'binary_accuracy'`. */
  name?: string;
  /**
   * A prediction above it counts as 1, otherwise 0. Default 0.5 (use 0 for logits).
   */
  threshold?: number;
}

/**
 * 1 where `yPred > threshold` agrees with the binary target, else 0, elementwise (as Keras'
 * `binary_accuracy`): targets and predictions of one shape (`[batch]` against `[batch, 1]` is
 * accepted). Targets are compared exactly with 0 and 1. Returns float32.
 */
export function binaryMatches(yTrue: Tensor, yPred: Tensor, threshold = 0.5): Tensor {
  checkTensor(OWNER, 'yTrue', yTrue, 1);
  checkTensor(OWNER, 'yPred', yPred, 1);
  return tf.tidy(() => {
    const [targets, pred] = alignTargets(OWNER, yTrue, yPred);
    const predicted = tf.cast(tf.greater(pred, threshold), 'float32');
    return tf.cast(tf.equal(targets, predicted), 'float32');
  });
}

/**
 * How often thresholded predictions match binary targets, as Keras' `BinaryAccuracy`; the
 * metric `'accuracy'` resolves to for a binary cross-entropy loss. With several outputs per
 * sample (`[batch, labels]`) each sample's value is its fraction of correct labels. Optional
 * sample weights (`[batch]`) weight each sample.
 *
 * @example
 * ```ts
 * const accuracy = new BinaryAccuracy({ threshold: 0 }); // for logits
 * accuracy.update(tf.tensor1d([1, 0, 1]), tf.tensor1d([2.3, 0.4, -1]));
 * accuracy.result().print(); // 0.3333
 * ```
 */
export class BinaryAccuracy extends MeanMetricWrapper implements Serializable {
  override readonly className: string = OWNER;
  /** The decision threshold. */
  readonly threshold: number;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: BinaryAccuracyOptions = {}) {
    checkOptions(OWNER, options, ['name', 'threshold']);
    const threshold = checkNumber(OWNER, 'threshold', options.threshold ?? 0.5);
    super((yTrue, yPred) => binaryMatches(yTrue, yPred, threshold), { name: options.name ?? 'binary_accuracy' });
    this.threshold = threshold;
  }

  /** Rebuilds the metric from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): BinaryAccuracy {
    const dict = checkConfig(OWNER, config, ['name', 'threshold']);
    return new BinaryAccuracy({ name: dict['name'] as string | undefined, threshold: dict['threshold'] as number | undefined });
  }

  /** Keras' config: `{ name, threshold }`. */
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), threshold: this.threshold };
  }
}
