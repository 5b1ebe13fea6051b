import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';

/**
 * Keras' `in_top_k` on the device: 1 where the score of class `labels` (float32 class indices,
 * shape `scores.shape` without its last axis) is among the `k` largest of `scores`, else 0. Ties
 * straddling the k-th place all count as in (a label's rank is 1 + the number of strictly
 * larger scores). Labels that are not a class index, and NaN scores at the label, give 0.
 */
export function inTopK(labels: Tensor, scores: Tensor, k: number): Tensor {
  return tf.tidy(() => {
    const classes = scores.shape[scores.rank - 1] as number;
    const labelIndex = tf.cast(labels, 'int32');
    const mask = tf.cast(tf.oneHot(labelIndex, classes), 'bool');
    const labelScore = tf.max(tf.where(mask, scores, tf.fill(scores.shape, -Infinity)), -1, true);
    const rank = tf.add(tf.sum(tf.cast(tf.greater(scores, labelScore), 'float32'), -1), 1);
    const valid = tf.logicalAnd(
      tf.logicalAnd(tf.greaterEqual(labels, 0), tf.less(labels, classes)),
      tf.logicalAnd(tf.equal(labels, tf.floor(labels)), tf.logicalNot(tf.isNaN(tf.squeeze(labelScore, [-1])))),
    );
    return tf.cast(tf.logicalAnd(tf.lessEqual(rank, k), valid), 'float32');
  });
}
