import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkInteger } from '@layerwise/core';
import type { ConfigDict } from '@layerwise/core';
import { confusionCounts } from './confusion-matrix.js';
import type { ConfusionCounts } from './confusion-matrix.js';
import { checkConfig, checkOptions } from './options.js';
import { StatefulMetric } from './stateful-metric.js';
import { NEG_INF, isEvenlyDistributed, parseThresholds } from './thresholds.js';

/** Options of {@link Precision} and {@link Recall}. */
export interface PrecisionRecallOptions {
  /**
   * A prediction above a threshold counts as positive: one threshold in `[0, 1]` (the result is
   * a scalar) or several (one result per threshold). Default 0.5, or with `topK` every top-k
   * prediction (use 0 for logits).
   */
  thresholds?: number | readonly number[];
  /** Only the `topK` largest predictions of each sample can be positive. */
  topK?: number;
  /** Only class `classId` (an index into the last axis) counts. */
  classId?: number;
  /** The name under which the value is logged. Default `'precision'` or `'recall'`. */
  name?: string;
}

/**
 * What {@link Precision} and {@link Recall} share, as Keras: weighted true positives and one
 * other confusion count per threshold, accumulated over batches, and their ratio
 * `tp / (tp + other)` (0 when both are 0).
 */
export abstract class PrecisionRecallBase extends StatefulMetric<'tp' | 'other'> {
  /** The thresholds as given (`null` when defaulted), as written in the config. */
  readonly initThresholds: number | readonly number[] | null;
  /** The thresholds in use. */
  readonly thresholds: readonly number[];
  /** The number of top predictions considered, if set. */
  readonly topK: number | undefined;
  /** The class considered, if set. */
  readonly classId: number | undefined;
  private readonly evenlyDistributed: boolean;

  /** Validates the options. */
  protected constructor(owner: string, defaultName: string, options: PrecisionRecallOptions) {
    checkOptions(owner, options, ['thresholds', 'topK', 'classId', 'name']);
    super(owner, options.name ?? defaultName);
    this.topK = options.topK === undefined || options.topK === null ? undefined : checkInteger(owner, 'topK', options.topK);
    this.classId = options.classId === undefined || options.classId === null ? undefined : checkInteger(owner, 'classId', options.classId, 0);
    this.thresholds = parseThresholds(owner, options.thresholds, this.topK === undefined ? 0.5 : NEG_INF);
    this.initThresholds = options.thresholds === undefined || options.thresholds === null ? null : Array.isArray(options.thresholds) ? [...options.thresholds] : (options.thresholds as number);
    this.evenlyDistributed = isEvenlyDistributed(this.thresholds);
  }

  /** The count set against true positives (false positives for precision, false negatives for recall). */
  protected abstract other(counts: ConfusionCounts): Tensor;

  /** Adds a batch: `sampleWeight` of shape `[batch]`, `[batch, 1]`, yTrue's shape or `[]`. Nothing is disposed. */
  update(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): void {
    tf.tidy(() => {
      const counts = confusionCounts(this.className, yTrue, yPred, sampleWeight, {
        thresholds: this.thresholds,
        evenlyDistributed: this.evenlyDistributed,
        topK: this.topK,
        classId: this.classId,
      });
      this.state.add({ tp: counts.tp, other: this.other(counts) });
    });
  }

  /** `tp / (tp + other)` so far (0 where both are 0): a scalar for one threshold, else one per threshold. */
  result(): Tensor {
    const state = this.state.current;
    const n = this.thresholds.length;
    if (state === undefined) return n === 1 ? tf.scalar(0) : tf.zeros([n]);
    return tf.tidy(() => {
      const ratio = tf.divNoNan(state.tp, tf.add(state.tp, state.other));
      return n === 1 ? tf.reshape(ratio, []) : ratio;
    });
  }

  /** Keras' config: `{ name, thresholds, top_k, class_id }`. */
  getConfig(): ConfigDict {
    return { name: this.name, thresholds: this.initThresholds, top_k: this.topK ?? null, class_id: this.classId ?? null };
  }
}

/** Reads a `Precision` or `Recall` config (Keras' keys) into options. */
export function readPrecisionRecallConfig(owner: string, config: ConfigDict): PrecisionRecallOptions {
  const dict = checkConfig(owner, config, ['name', 'thresholds', 'top_k', 'class_id']);
  const options: PrecisionRecallOptions = {};
  if (dict['name'] !== undefined) options.name = dict['name'] as string;
  if (dict['thresholds'] != null) options.thresholds = dict['thresholds'] as number | number[];
  if (dict['top_k'] != null) options.topK = dict['top_k'] as number;
  if (dict['class_id'] != null) options.classId = dict['class_id'] as number;
  return options;
}
