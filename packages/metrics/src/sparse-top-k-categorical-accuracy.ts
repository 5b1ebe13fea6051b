import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkBoolean, checkInteger, formatShape, invalidArgument } from '@layerwise/core';
import type { ConfigDict, Serializable } from '@layerwise/core';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import { checkConfig, checkOptions } from './options.js';
import { checkTensor, sparseLabels, toFloat } from './shapes.js';
import { inTopK } from './top-k.js';

const OWNER = 'SparseTopKCategoricalAccuracy';

/** Options of {@link SparseTopKCategoricalAccuracy}. */
export interface SparseTopKCategoricalAccuracyOptions {
  /** How many of the largest scores count. Default 5. */
  k?: number;
  /**
   * Whether `yPred` holds, per sample, class ids sorted from the highest score down (at least
   * `k` of them) instead of one score per class. Default false.
   */
  fromSortedIds?: boolean;
  /** The name under which the value is logged. Default `'sparse_top_k_categorical_accuracy'`. */
  name?: string;
}

/**
 * 1 where the integer label is among the `k` classes with the largest scores, else 0, as Keras'
 * `sparse_top_k_categorical_accuracy`: labels `[batch]` or `[batch, 1]` (any numeric dtype)
 * against scores `[batch, classes]`, or with `fromSortedIds` against sorted class ids
 * `[batch, n]` (`n >= k`). Returns float32 of shape `[batch]`.
 */
export function sparseTopKCategoricalMatches(yTrue: Tensor, yPred: Tensor, k = 5, fromSortedIds = false): Tensor {
  checkTensor(OWNER, 'yTrue', yTrue, 1);
  checkTensor(OWNER, 'yPred', yPred, 2);
  if (fromSortedIds && (yPred.shape[yPred.rank - 1] as number) < k) {
    throw invalidArgument({
      owner: OWNER,
      argument: 'yPred.shape',
      expected: `at least k=${k} sorted class ids per sample, got ${formatShape(yPred.shape)}`,
      received: yPred.shape,
    });
  }
  return tf.tidy(() => {
    const labels = sparseLabels(OWNER, yTrue, yPred);
    if (!fromSortedIds) return inTopK(labels, toFloat(yPred), k);
    const topIds = tf.slice(toFloat(yPred), Array(yPred.rank).fill(0), [...yPred.shape.slice(0, -1), k]);
    return tf.cast(tf.any(tf.equal(topIds, tf.expandDims(labels, -1)), -1), 'float32');
  });
}

/**
 * How often integer labels are among the `k` classes with the largest scores, as Keras'
 * `SparseTopKCategoricalAccuracy` (ties at the k-th place count as hits). Optional sample
 * weights (`[batch]`) weight each sample.
 *
 * @example
 * ```ts
 * const m = new SparseTopKCategoricalAccuracy({ k: 1 });
 * m.update(tf.tensor1d([2, 1]), tf.tensor2d([[0.1, 0.9, 0.8], [0.05, 0.95, 0]]));
 * m.result().print(); // 0.5
 * ```
 */
export class SparseTopKCategoricalAccuracy extends MeanMetricWrapper implements Serializable {
  override readonly className: string = OWNER;
  /** How many of the largest scores count. */
  readonly k: number;
  /** Whether predictions are sorted class ids. */
  readonly fromSortedIds: boolean;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: SparseTopKCategoricalAccuracyOptions = {}) {
    checkOptions(OWNER, options, ['k', 'fromSortedIds', 'name']);
    const k = checkInteger(OWNER, 'k', options.k ?? 5);
    const sorted = checkBoolean(OWNER, 'fromSortedIds', options.fromSortedIds ?? false);
    super((t, p) => sparseTopKCategoricalMatches(t, p, k, sorted), { name: options.name ?? 'sparse_top_k_categorical_accuracy' });
    this.k = k;
    this.fromSortedIds = sorted;
  }

  /** Rebuilds the metric from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): SparseTopKCategoricalAccuracy {
    const dict = checkConfig(OWNER, config, ['name', 'k', 'from_sorted_ids']);
    return new SparseTopKCategoricalAccuracy({
      name: dict['name'] as string | undefined,
      k: dict['k'] as number | undefined,
      fromSortedIds: dict['from_sorted_ids'] as boolean | undefined,
    });
  }

  /** Keras' config: `{ name, k }`, and `from_sorted_ids: true` when set (as Keras writes it). */
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), k: this.k, ...(this.fromSortedIds ? { from_sorted_ids: true } : {}) };
  }
}
