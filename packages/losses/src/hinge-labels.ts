import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';

/**
 * Keras' `convert_binary_labels_to_hinge`: when every label of the batch is 0 or 1 they become
 * -1 or 1 (`2y - 1`), otherwise the labels are used as they are (expected in {-1, 1}). Decided
 * on the device, as `y * (1 + c) - c` with `c` 1 or 0, so nothing is read back.
 */
export function hingeLabels(labels: Tensor): Tensor {
  const binary = tf.all(tf.logicalOr(tf.equal(labels, 0), tf.equal(labels, 1)));
  const c = tf.cast(binary, 'float32');
  return tf.sub(tf.mul(labels, tf.add(c, 1)), c);
}

/** Elementwise `max(1 - y * yPred, 0)` with labels converted by {@link hingeLabels}. */
export function hingeMargins(labels: Tensor, pred: Tensor): Tensor {
  return tf.relu(tf.sub(1, tf.mul(hingeLabels(labels), pred)));
}
