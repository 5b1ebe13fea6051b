import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';

export { alignTargets, checkTensor, toFloat } from '@layerwise/core';

/**
 * Reduces elementwise losses of shape `[batch, ...]` to one value per sample by averaging over
 * every axis but the first, as Keras' `sum_over_batch_size` reduction ends up doing.
 */
export function meanOverNonBatchAxes(t: Tensor): Tensor {
  if (t.rank <= 1) return t;
  const axes = Array.from({ length: t.rank - 1 }, (_, i) => i + 1);
  return tf.mean(t, axes);
}
