import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkInteger } from '@layerwise/core';
import type { ConfigDict, Serializable } from '@layerwise/core';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import { checkConfig, checkOptions } from './options.js';
import { alignTargets, checkTensor } from './shapes.js';
import { inTopK } from './top-k.js';

const OWNER = 'TopKCategoricalAccuracy';

/** Options of {@link TopKCategoricalAccuracy}. */
export interface TopKCategoricalAccuracyOptions {
  /** How many of the largest scores count. Default 5. */
  k?: number;
  /** The name under which the value is logged. Default `'top_k_categorical_accuracy'`. */
  name?: string;
}

/**
 * 1 where the target's class (the arg-max of one-hot `yTrue`) is among the `k` largest scores of
 * `yPred`, else 0, as Keras' `top_k_categorical_accuracy`: tensors of one shape
 * `[batch, ..., classes]`. Returns float32 of shape `[batch, ...]`.
 */
export function topKCategoricalMatches(yTrue: Tensor, yPred: Tensor, k = 5): Tensor {
  checkTensor(OWNER, 'yTrue', yTrue, 2);
  checkTensor(OWNER, 'yPred', yPred, 2);
  return tf.tidy(() => {
    const [targets, pred] = alignTargets(OWNER, yTrue, yPred);
    return inTopK(tf.cast(tf.argMax(targets, -1), 'float32'), pred, k);
  });
}

/**
 * How often the target's class is among the `k` classes with the largest scores, for one-hot
 * targets, as Keras' `TopKCategoricalAccuracy` (ties at the k-th place count as hits). Optional
 * sample weights (`[batch]`) weight each sample.
 *
 * @example
 * ```ts
 * const m = new TopKCategoricalAccuracy({ k: 1 });
 * m.update(tf.tensor2d([[0, 0, 1], [0, 1, 0]]), tf.tensor2d([[0.1, 0.9, 0.8], [0.05, 0.95, 0]]));
 * m.result().print(); // 0.5
 * ```
 */
export class TopKCategoricalAccuracy extends MeanMetricWrapper implements Serializable {
  override readonly className: string = OWNER;
  /** How many of the largest scores count. */
  readonly k: number;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: TopKCategoricalAccuracyOptions = {}) {
    checkOptions(OWNER, options, ['k', 'name']);
    const k = checkInteger(OWNER, 'k', options.k ?? 5);
    super((t, p) => topKCategoricalMatches(t, p, k), { name: options.name ?? 'top_k_categorical_accuracy' });
    this.k = k;
  }

  /** Rebuilds the metric from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): TopKCategoricalAccuracy {
    const dict = checkConfig(OWNER, config, ['name', 'k']);
    return new TopKCategoricalAccuracy({ name: dict['name'] as string | undefined, k: dict['k'] as number | undefined });
  }

  /** Keras' config: `{ name, k }`. */
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), k: this.k };
  }
}
