import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { formatShape, invalidArgument } from '@layerwise/core';
import { checkTensor, toFloat } from './shapes.js';

/** The mean of `t` over its axes `from..rank-1` (`t` itself when there are none). */
function meanFrom(t: Tensor, from: number): Tensor {
  if (t.rank <= from) return t;
  return tf.mean(t, Array.from({ length: t.rank - from }, (_, i) => i + from));
}

/**
 * Checks that `sampleWeight` fits `values`: the same leading dimensions (`[batch]` for values
 * `[batch, ...]`, or `[batch, steps]` for values `[batch, steps, ...]`), optionally with an
 * extra trailing axis of 1 (`[batch, 1]` for values `[batch]`). A scalar weight goes with
 * scalar values. Returns the weight's shape once that trailing 1 is dropped.
 */
export function checkSampleWeight(owner: string, values: Tensor, sampleWeight: unknown): number[] {
  const weight = checkTensor(owner, 'sampleWeight', sampleWeight, 0);
  let shape = weight.shape;
  if (shape.length === values.rank + 1 && shape[shape.length - 1] === 1) shape = shape.slice(0, -1);
  const fits = (values.rank === 0 ? shape.length === 0 : shape.length >= 1) && shape.length <= values.rank &&
    tf.util.arraysEqual(shape, values.shape.slice(0, shape.length));
  if (!fits) {
    throw invalidArgument({
      owner,
      argument: 'sampleWeight.shape',
      expected: `a shape that is a leading part of the values' shape ${formatShape(values.shape)} (one weight per sample: ${formatShape(values.shape.slice(0, 1))})`,
      received: weight.shape,
    });
  }
  return shape;
}

/**
 * What a batch adds to a running mean, with Keras' `reduce_to_samplewise_values` semantics:
 * values are averaged to one per sample (over every axis but the batch axis); with weights,
 * values are first averaged down to the weights' rank and multiplied by them, and the weights
 * are averaged per sample too. Returns `[sum of samplewise values, sum of samplewise weights]`
 * (the count of samples when unweighted). To be called inside a `tidy`, after
 * {@link checkSampleWeight}.
 */
export function samplewiseTotals(values: Tensor, sampleWeight: Tensor | undefined, weightShape: number[] | undefined): [Tensor, Tensor] {
  const v = toFloat(values);
  if (sampleWeight === undefined || weightShape === undefined) {
    const count = v.rank === 0 ? 1 : (v.shape[0] as number);
    return [tf.sum(meanFrom(v, 1)), tf.scalar(count)];
  }
  const w = tf.reshape(toFloat(sampleWeight), weightShape);
  const weighted = tf.mul(meanFrom(v, w.rank), w);
  return [tf.sum(meanFrom(weighted, 1)), tf.sum(meanFrom(w, 1))];
}

/** The sum of `t` over its axes `from..rank-1` (`t` itself when there are none). */
function sumFrom(t: Tensor, from: number): Tensor {
  if (t.rank <= from) return t;
  return tf.sum(t, Array.from({ length: t.rank - from }, (_, i) => i + from));
}

/**
 * What a batch adds to a running sum, with Keras' `reduce_to_samplewise_values` and
 * `reduce_fn=sum` (as `keras.metrics.Sum`): with weights, values are summed down to the weights'
 * rank and multiplied by them; everything is then summed. Returns a scalar. To be called inside
 * a `tidy`, after {@link checkSampleWeight}.
 */
export function samplewiseSum(values: Tensor, sampleWeight: Tensor | undefined, weightShape: number[] | undefined): Tensor {
  const v = toFloat(values);
  if (sampleWeight === undefined || weightShape === undefined) return tf.sum(v);
  const w = tf.reshape(toFloat(sampleWeight), weightShape);
  return tf.sum(tf.mul(sumFrom(v, w.rank), w));
}
