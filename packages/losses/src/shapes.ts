import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { LayerwiseError, formatShape, invalidArgument } from '@layerwise/core';

/** Throws unless `t` is a numeric tensor of rank at least `minRank`. */
export function checkTensor(owner: string, argument: string, t: unknown, minRank: number): Tensor {
  if (!(t instanceof tf.Tensor)) {
    throw invalidArgument({ owner, argument, expected: 'a tensor', received: t });
  }
  if (t.dtype === 'string' || t.dtype === 'complex64') {
    throw invalidArgument({ owner, argument: `${argument}.dtype`, expected: 'a real numeric dtype', received: t.dtype });
  }
  if (t.rank < minRank) {
    const expected = minRank === 2 ? 'a tensor of shape [batch, ..., classes] (rank 2 or more)' : `a tensor of rank ${minRank} or more`;
    throw invalidArgument({ owner, argument: `${argument}.shape`, expected, received: t.shape });
  }
  return t;
}

/**
 * Brings targets and predictions to one shape the way Keras' `squeeze_or_expand_to_same_rank`
 * does for the common case: when their ranks differ by one and the longer one ends in a
 * dimension of 1, that dimension is dropped (`[batch]` against `[batch, 1]`). The shapes must
 * then be equal. Returns float32 tensors (to be created inside a `tidy`).
 */
export function alignTargets(owner: string, yTrue: Tensor, yPred: Tensor): [Tensor, Tensor] {
  let t = yTrue;
  let p = yPred;
  if (t.rank === p.rank + 1 && t.shape[t.rank - 1] === 1) t = tf.reshape(t, p.shape);
  else if (p.rank === t.rank + 1 && p.shape[p.rank - 1] === 1) p = tf.reshape(p, t.shape);
  if (!tf.util.arraysEqual(t.shape, p.shape)) {
    throw new LayerwiseError(
      `${owner}: yTrue and yPred must have the same shape. ` +
        `Received: yTrue.shape=${formatShape(yTrue.shape)}, yPred.shape=${formatShape(yPred.shape)}`,
    );
  }
  return [toFloat(t), toFloat(p)];
}

/** `t` as float32 (a cast only when needed). */
export function toFloat(t: Tensor): Tensor {
  return t.dtype === 'float32' ? t : tf.cast(t, 'float32');
}

/**
 * Reduces elementwise losses of shape `[batch, ...]` to one value per sample by averaging over
 * every axis but the first, as Keras' `sum_over_batch_size` reduction ends up doing.
 */
export function meanOverNonBatchAxes(t: Tensor): Tensor {
  if (t.rank <= 1) return t;
  const axes = Array.from({ length: t.rank - 1 }, (_, i) => i + 1);
  return tf.mean(t, axes);
}
