import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { LayerwiseError, invalidArgument } from './errors.js';
import { formatShape } from './types.js';

/** Throws unless `t` is a real numeric (or boolean) tensor of rank at least `minRank`. */
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

/** `t` as float32 (a cast only when needed; to be called inside a `tidy`). */
export function toFloat(t: Tensor): Tensor {
  return t.dtype === 'float32' ? t : tf.cast(t, 'float32');
}

/**
 * Brings two tensors to one shape the way Keras' `squeeze_or_expand_to_same_rank` does for the
 * common case: when their ranks differ by one and the longer one ends in a dimension of 1,
 * that dimension is dropped (`[batch]` against `[batch, 1]`). The shapes must then be equal.
 * Returns float32 tensors (to be called inside a `tidy`).
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

/**
 * Integer class labels reshaped to the predictions' shape without the class axis: labels may
 * have that shape (`[batch]` for predictions `[batch, classes]`) or end in an extra axis of 1.
 * Returned as float32 (to be called inside a `tidy`).
 */
export function sparseLabels(owner: string, yTrue: Tensor, yPred: Tensor): Tensor {
  const outer = yPred.shape.slice(0, -1);
  const plain = tf.util.arraysEqual(yTrue.shape, outer);
  const withOne = tf.util.arraysEqual(yTrue.shape, [...outer, 1]);
  if (!plain && !withOne) {
    throw invalidArgument({
      owner,
      argument: 'yTrue.shape',
      expected:
        `integer labels of shape ${formatShape(outer)} or ${formatShape([...outer, 1])} ` +
        `for predictions of shape ${formatShape(yPred.shape)}`,
      received: yTrue.shape,
    });
  }
  return toFloat(withOne ? tf.reshape(yTrue, outer) : yTrue);
}
