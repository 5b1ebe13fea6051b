import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { formatShape, invalidArgument } from '@layerwise/core';

/**
 * Integer class labels reshaped to the predictions' shape without the class axis. Labels may
 * have that shape (`[batch]` for predictions `[batch, classes]`) or end in an extra axis of 1
 * (`[batch, 1]`), and any numeric dtype. Returned as float32 (to be created inside a `tidy`).
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
  const labels = withOne ? tf.reshape(yTrue, outer) : yTrue;
  return labels.dtype === 'float32' ? labels : tf.cast(labels, 'float32');
}

/**
 * A boolean mask of the labels that name a class: integers in `[0, classes)`. Computed on the
 * device (no read back), so that losses can turn the others into NaN instead of a silent 0.
 */
export function validLabelMask(labels: Tensor, classes: number, integerDtype: boolean): Tensor {
  const inRange = tf.logicalAnd(tf.greaterEqual(labels, 0), tf.less(labels, classes));
  return integerDtype ? inRange : tf.logicalAnd(inRange, tf.equal(labels, tf.floor(labels)));
}
