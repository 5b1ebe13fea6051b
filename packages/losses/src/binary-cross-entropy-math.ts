import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { EPSILON } from './options.js';

/**
 * Stable elementwise sigmoid cross-entropy from logits `x` against targets `z`, as TensorFlow's
 * `sigmoid_cross_entropy_with_logits`: `max(x, 0) - x * z + log(1 + exp(-|x|))`. The `max` and
 * `|x|` are written with one `where` on `x >= 0` so that the gradient at `x = 0` is the exact
 * `sigmoid(0) - z` (separate relu/abs kernels would give `-z` there).
 */
export function sigmoidCrossEntropyWithLogits(z: Tensor, x: Tensor): Tensor {
  const nonNegative = tf.greaterEqual(x, 0);
  const reluX = tf.where(nonNegative, x, tf.zerosLike(x));
  const negAbsX = tf.where(nonNegative, tf.neg(x), x);
  return tf.add(tf.sub(reluX, tf.mul(x, z)), tf.log1p(tf.exp(negAbsX)));
}

/** Elementwise binary cross-entropy from probabilities clipped to `[1e-7, 1 - 1e-7]`, as Keras. */
export function binaryCrossEntropyFromProbabilities(z: Tensor, p: Tensor): Tensor {
  const clipped = tf.clipByValue(p, EPSILON, 1 - EPSILON);
  return tf.neg(tf.add(tf.mul(z, tf.log(clipped)), tf.mul(tf.sub(1, z), tf.log(tf.sub(1, clipped)))));
}

/** Keras' binary label smoothing: targets squeezed towards 0.5, `z * (1 - ls) + 0.5 * ls`. */
export function smoothBinaryTargets(z: Tensor, labelSmoothing: number): Tensor {
  return labelSmoothing > 0 ? tf.add(tf.mul(z, 1 - labelSmoothing), 0.5 * labelSmoothing) : z;
}

/** Keras' categorical label smoothing over `classes`: `t * (1 - ls) + ls / classes`. */
export function smoothCategoricalTargets(t: Tensor, labelSmoothing: number, classes: number): Tensor {
  return labelSmoothing > 0 ? tf.add(tf.mul(t, 1 - labelSmoothing), labelSmoothing / classes) : t;
}
