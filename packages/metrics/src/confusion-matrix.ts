import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { LayerwiseError, formatShape, invalidArgument } from '@layerwise/core';
import { checkTensor, toFloat } from './shapes.js';
import { NEG_INF } from './thresholds.js';

/** How {@link confusionCounts} turns predictions into positives. */
export interface ConfusionOptions {
  /** A prediction is positive at threshold `t` when it is greater than `t`. */
  thresholds: readonly number[];
  /**
   * Whether the thresholds are evenly spaced over `[0, 1]` (Keras then buckets predictions
   * clipped to `[0, 1]` instead of comparing them with each threshold).
   */
  evenlyDistributed: boolean;
  /** Keep only the `topK` largest predictions of each sample (the others become -1e10). */
  topK?: number | undefined;
  /** Count only this class (the last axis). */
  classId?: number | undefined;
}

/** The weighted counts of a batch, one per threshold (shape `[thresholds]`). */
export interface ConfusionCounts {
  tp: Tensor;
  fp: Tensor;
  tn: Tensor;
  fn: Tensor;
}

/** Keras' `squeeze_or_expand_to_same_rank` for a pair of tensors (expanding rank-1 ones). */
function sameRank(a: Tensor, b: Tensor): [Tensor, Tensor] {
  if (a.rank === b.rank + 1 && a.shape[a.rank - 1] === 1) return b.rank === 1 ? [a, tf.expandDims(b, -1)] : [tf.squeeze(a, [-1]), b];
  if (b.rank === a.rank + 1 && b.shape[b.rank - 1] === 1) return a.rank === 1 ? [tf.expandDims(a, -1), b] : [a, tf.squeeze(b, [-1])];
  return [a, b];
}

/** Keras' `_filter_top_k`: the `k` largest values of the last axis kept, the others set to -1e10. */
function filterTopK(owner: string, x: Tensor, k: number): Tensor {
  const classes = x.shape[x.rank - 1] as number;
  if (x.rank < 1 || k > classes) {
    throw invalidArgument({ owner, argument: 'topK', expected: `at most the number of classes (${classes}) of yPred ${formatShape(x.shape)}`, received: k });
  }
  const { indices } = tf.topk(x, k);
  const mask = tf.sum(tf.cast(tf.oneHot(indices, classes), 'float32'), -2);
  return tf.add(tf.mul(x, mask), tf.mul(tf.sub(1, mask), NEG_INF));
}

/** Weights of one per sample (or a scalar, or yTrue's shape) brought to yPred's flat layout. */
function flatWeights(owner: string, sampleWeight: Tensor, yTrue: Tensor, target: Tensor, classId: number | undefined): Tensor {
  let w = tf.expandDims(toFloat(sampleWeight), -1);
  if (w.rank === yTrue.rank + 1 && w.shape[w.rank - 1] === 1) w = tf.squeeze(w, [-1]);
  if (classId !== undefined && w.rank === yTrue.rank && w.shape[w.rank - 1] !== 1) w = tf.slice(w, [...Array(w.rank - 1).fill(0), classId], [...w.shape.slice(0, -1), 1]);
  try {
    return tf.reshape(tf.broadcastTo(w, target.shape), [-1]);
  } catch {
    throw new LayerwiseError(
      `${owner}: sampleWeight must have one weight per sample (or yTrue's shape, or be a scalar). ` +
        `Received: sampleWeight.shape=${formatShape(sampleWeight.shape)} for yTrue.shape=${formatShape(yTrue.shape)}`,
    );
  }
}

/**
 * Keras' `update_confusion_matrix_variables` for one batch, without multi-label handling:
 * labels (cast to bool: non-zero is positive) and predictions are flattened (after `topK` and
 * `classId` are applied) and counted per threshold, weighted by `sampleWeight`. With evenly
 * distributed thresholds the predictions are clipped to `[0, 1]` and bucketed by
 * `ceil(p * (n - 1)) - 1` (floored at 0 when the first threshold is below 0, as AUC's
 * `-epsilon`), then counted by a reversed cumulative sum, as Keras' optimised path; otherwise
 * each prediction is compared with each threshold. To be called inside a `tidy`.
 */
export function confusionCounts(owner: string, yTrue: Tensor, yPred: Tensor, sampleWeight: Tensor | undefined, options: ConfusionOptions): ConfusionCounts {
  checkTensor(owner, 'yTrue', yTrue, 1);
  checkTensor(owner, 'yPred', yPred, 1);
  if (sampleWeight !== undefined) checkTensor(owner, 'sampleWeight', sampleWeight, 0);
  let [pred, labels] = sameRank(toFloat(yPred), toFloat(yTrue));
  if (!tf.util.arraysEqual(pred.shape, labels.shape)) {
    throw new LayerwiseError(
      `${owner}: yTrue and yPred must have the same shape. Received: yTrue.shape=${formatShape(yTrue.shape)}, yPred.shape=${formatShape(yPred.shape)}`,
    );
  }
  const { thresholds, evenlyDistributed, topK, classId } = options;
  if (topK !== undefined) pred = filterTopK(owner, pred, topK);
  if (classId !== undefined) {
    const classes = pred.shape[pred.rank - 1] as number;
    if (pred.rank < 2 || classId >= classes) {
      throw invalidArgument({ owner, argument: 'classId', expected: `a class index of yPred ${formatShape(yPred.shape)} (rank 2 or more)`, received: classId });
    }
    const begin = [...Array(pred.rank - 1).fill(0), classId];
    const size = [...pred.shape.slice(0, -1), 1];
    pred = tf.slice(pred, begin, size);
    labels = tf.slice(labels, begin, size);
  }
  const weights = sampleWeight === undefined ? undefined : flatWeights(owner, sampleWeight, labels, pred, classId);
  const positive = tf.cast(tf.notEqual(tf.reshape(labels, [-1]), 0), 'float32');
  const p = tf.reshape(pred, [-1]);
  const truePos = weights === undefined ? positive : tf.mul(positive, weights);
  const falsePos = weights === undefined ? tf.sub(1, positive) : tf.mul(tf.sub(1, positive), weights);
  const n = thresholds.length;
  let tp: Tensor;
  let fp: Tensor;
  if (evenlyDistributed) {
    // bucket j holds predictions in (t_j, t_{j+1}]; one-hot rows of -1 (predictions of 0 without
    // a negative first threshold) are all zeros, as segment_sum drops negative ids.
    let bucket = tf.sub(tf.ceil(tf.mul(tf.clipByValue(p, 0, 1), n - 1)), 1);
    if ((thresholds[0] as number) < 0) bucket = tf.relu(bucket);
    const oneHot = tf.cast(tf.oneHot(tf.cast(bucket, 'int32'), n), 'float32');
    const bucketSums = (v: Tensor): Tensor => tf.reshape(tf.matMul(tf.reshape(v, [1, -1]), oneHot), [n]);
    tp = tf.cumsum(bucketSums(truePos), 0, false, true);
    fp = tf.cumsum(bucketSums(falsePos), 0, false, true);
  } else {
    const above = tf.cast(tf.greater(tf.reshape(p, [1, -1]), tf.reshape(tf.tensor1d(thresholds as number[]), [n, 1])), 'float32');
    tp = tf.sum(tf.mul(above, truePos), 1);
    fp = tf.sum(tf.mul(above, falsePos), 1);
  }
  return { tp, fp, fn: tf.sub(tf.sum(truePos), tp), tn: tf.sub(tf.sum(falsePos), fp) };
}
