import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';

export { sparseLabels } from '@layerwise/core';

/**
 * A boolean mask of the labels that name a class: integers in `[0, classes)`. Computed on the
 * device (no read back), so that losses can turn the others into NaN instead of a silent 0.
 */
export function validLabelMask(labels: Tensor, classes: number, integerDtype: boolean): Tensor {
  const inRange = tf.logicalAnd(tf.greaterEqual(labels, 0), tf.less(labels, classes));
  return integerDtype ? inRange : tf.logicalAnd(inRange, tf.equal(labels, tf.floor(labels)));
}
