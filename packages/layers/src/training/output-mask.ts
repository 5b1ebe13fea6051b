import * as tf from '@tensorflow/tfjs-core';
import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import { formatShape, LayerwiseError, type Loss, type Metric } from '@layerwise/core';
import { reduceLoss } from '@layerwise/losses';
import { MeanMetricWrapper } from '@layerwise/metrics';

// Keras leaves the masked timesteps of an output out of its loss and of its mean metrics: the mask
// (`[batch, timesteps]` for a sequence) becomes per-timestep sample weights. Here each timestep is
// one row: the mask's axes of targets and predictions are flattened into one, so any loss or metric
// that gives one value per sample gives one per timestep.

/** A masked output's targets, predictions and weights with the mask's axes flattened into one (`n` rows). */
interface Flattened {
  readonly y: Tensor;
  readonly yPred: Tensor;
  /** The mask as 0/1 floats, `[n]`. */
  readonly mask: Tensor;
  /** The sample weights spread over the timesteps, `[n]`, when given. */
  readonly sampleWeight: Tensor | undefined;
  readonly n: number;
}

const sameDims = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/** `t` with its first `rank` axes flattened into one; a result of rank 1 gets a trailing axis of 1 when `column`. */
function flattenLeading(t: Tensor, rank: number, n: number, column: boolean): Tensor {
  const rest = t.shape.slice(rank);
  return tf.reshape(t, rest.length === 0 && column ? [n, 1] : [n, ...rest]);
}

/**
 * Sample weights (`[]`, `[batch]`, `[batch, 1]`, or per timestep: the mask's shape) spread over the
 * mask's shape and flattened to `[n]`.
 */
function spreadWeights(owner: string, sampleWeight: Tensor, mask: Tensor, n: number): Tensor {
  let w = tf.cast(sampleWeight, 'float32');
  if (w.rank === mask.rank + 1 && w.shape[w.rank - 1] === 1) w = tf.reshape(w, w.shape.slice(0, -1));
  if (w.rank > 0 && w.rank < mask.rank) w = tf.reshape(w, [...w.shape, ...new Array<number>(mask.rank - w.rank).fill(1)]);
  const fits = w.rank === 0 || (w.rank === mask.rank && w.shape.every((d, i) => d === 1 || d === mask.shape[i]));
  if (!fits) {
    throw new LayerwiseError(
      `${owner}: sampleWeight must have one weight per sample, shape (${mask.shape[0]},), or one per timestep, ` +
        `the shape of the output's mask ${formatShape(mask.shape)}; received shape ${formatShape(sampleWeight.shape)}`,
    );
  }
  return tf.reshape(tf.broadcastTo(w, mask.shape), [n]);
}

/** Checks the mask against the output and the targets, and flattens all of them over the mask's axes. */
function flatten(owner: string, y: Tensor, yPred: Tensor, mask: Tensor, sampleWeight: Tensor | undefined): Flattened {
  const r = mask.rank;
  if (r < 1 || r > yPred.rank || !sameDims(mask.shape, yPred.shape.slice(0, r))) {
    throw new LayerwiseError(
      `${owner}: the output's mask must have the leading axes of the output (${formatShape(yPred.shape)}), received a mask of shape ${formatShape(mask.shape)}`,
    );
  }
  if (y.rank < r || !sameDims(mask.shape, y.shape.slice(0, r))) {
    throw new LayerwiseError(
      `${owner}: the output carries a mask of shape ${formatShape(mask.shape)}, so its targets must start with those axes; received targets of shape ${formatShape(y.shape)} for an output of shape ${formatShape(yPred.shape)}`,
    );
  }
  const n = mask.size;
  // Predictions of the mask's rank (one value per timestep) become a column, and so do their targets.
  const column = yPred.rank === r;
  return {
    y: flattenLeading(y, r, n, column),
    yPred: flattenLeading(yPred, r, n, column),
    mask: tf.reshape(tf.cast(mask, 'float32'), [n]),
    sampleWeight: sampleWeight === undefined ? undefined : spreadWeights(owner, sampleWeight, mask, n),
    n,
  };
}

/**
 * The batch loss of an output that carries a mask, as Keras 3 (`Loss.__call__` with the mask of
 * `y_pred`, `apply_mask`): the loss is computed per timestep, masked timesteps weigh 0, the sample
 * weights multiply the rest, and with the `'sum_over_batch_size'`/`'mean'` reductions the valid
 * timesteps weigh `total / valid`, so the loss is `sum(loss * sampleWeight) / valid` over the valid
 * timesteps (0 when none is valid). Other reductions take the mask as plain 0/1 weights
 * (`'mean_with_sample_weight'` divides by the sum of mask times weights). `owner` names the output
 * in errors. Returns a new scalar (the mean of the values for `reduction: 'none'`).
 */
export function maskedLoss(owner: string, loss: Loss, y: Tensor, yPred: Tensor, mask: Tensor, sampleWeight: Tensor | undefined): Scalar {
  return tf.tidy(() => {
    const flat = flatten(owner, y, yPred, mask, sampleWeight);
    const values = loss.call(flat.y, flat.yPred);
    if (!sameDims(values.shape, [flat.n])) {
      throw new LayerwiseError(
        `${owner}: the loss "${loss.name}" must give one value per sample for a masked output (one per timestep here, ${flat.n}); it gave shape ${formatShape(values.shape)}`,
      );
    }
    const reduction = (loss as Partial<{ reduction: string }>).reduction ?? 'sum_over_batch_size';
    let weights = flat.mask;
    if (reduction === 'sum_over_batch_size' || reduction === 'mean') {
      weights = tf.mul(weights, tf.divNoNan(tf.scalar(flat.n), tf.sum(flat.mask)));
    }
    if (flat.sampleWeight) weights = tf.mul(weights, flat.sampleWeight);
    const reduced = reduceLoss(loss, values, weights);
    return (reduced.rank === 0 ? reduced : tf.mean(reduced)) as Scalar;
  });
}

/**
 * Updates a metric with a batch of an output that carries a mask, as Keras 3 does: the mean metrics
 * (`MeanMetricWrapper`: the accuracies, the errors, losses as metrics) count each valid timestep
 * once, times its sample weight when given (weighted metrics), and leave masked timesteps out;
 * other metrics (Precision, AUC, ...) ignore the mask, as in Keras. Nothing is disposed.
 */
export function updateMaskedMetric(owner: string, metric: Metric, y: Tensor, yPred: Tensor, mask: Tensor, sampleWeight: Tensor | undefined): void {
  if (!(metric instanceof MeanMetricWrapper)) {
    if (sampleWeight === undefined) metric.update(y, yPred);
    else metric.update(y, yPred, sampleWeight);
    return;
  }
  tf.tidy(() => {
    const flat = flatten(owner, y, yPred, mask, sampleWeight);
    metric.update(flat.y, flat.yPred, flat.sampleWeight ? tf.mul(flat.mask, flat.sampleWeight) : flat.mask);
  });
}
