import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { LayerwiseError, checkInteger, invalidArgument } from '@layerwise/core';

const OWNER = 'checkSparseLabels';

/**
 * Reads integer class labels back from the device and throws a `LayerwiseError` naming the
 * first one that is not an integer in `[0, numClasses)`. {@link SparseCategoricalCrossentropy}
 * does not check its labels (that would need a read back on every step) and gives NaN for such
 * samples instead; call this once on your labels (or in a debugging session) for a clear error.
 *
 * @example
 * ```ts
 * await checkSparseLabels(yTrain, 10); // throws if some label is 10, -1 or 2.5
 * ```
 */
export async function checkSparseLabels(yTrue: Tensor, numClasses: number): Promise<void> {
  checkInteger(OWNER, 'numClasses', numClasses, 1);
  if (!(yTrue instanceof tf.Tensor) || yTrue.dtype === 'string' || yTrue.dtype === 'complex64') {
    throw invalidArgument({ owner: OWNER, argument: 'yTrue', expected: 'a numeric tensor of class indices', received: yTrue });
  }
  const values = await yTrue.data();
  for (let i = 0; i < values.length; i++) {
    const label = values[i] as number;
    if (!(Number.isInteger(label) && label >= 0 && label < numClasses)) {
      throw new LayerwiseError(
        `${OWNER}: yTrue holds a label that is not a class index in [0, ${numClasses}): ` +
          `element ${i} (flat index) is ${label}. Received: yTrue.shape=[${yTrue.shape.join(', ')}]`,
      );
    }
  }
}
