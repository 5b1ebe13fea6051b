import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';

/** The curve {@link AUC} integrates. */
export type AucCurve = 'ROC' | 'PR';

/** How {@link AUC} sums the area between thresholds (Keras' `summation_method`). */
export type AucSummationMethod = 'interpolation' | 'minoring' | 'majoring';

/** Per-threshold confusion counts, thresholds in increasing order (shape `[thresholds]`). */
export interface ThresholdCounts {
  tp: Tensor;
  fp: Tensor;
  tn: Tensor;
  fn: Tensor;
}

const head = (t: Tensor): Tensor => tf.slice(t, 0, t.size - 1);
const tail = (t: Tensor): Tensor => tf.slice(t, 1, t.size - 1);

/**
 * Keras' `AUC.interpolate_pr_auc` (Davis & Goadrich 2006): within each interval true positives
 * and predicted positives vary linearly, and precision is integrated exactly over recall.
 */
function interpolatedPrAuc({ tp, fp, fn }: ThresholdCounts): Tensor {
  const dtp = tf.sub(head(tp), tail(tp));
  const p = tf.add(tp, fp);
  const dp = tf.sub(head(p), tail(p));
  const slope = tf.divNoNan(dtp, tf.maximum(dp, 0));
  const intercept = tf.sub(tail(tp), tf.mul(slope, tail(p)));
  const bothPositive = tf.logicalAnd(tf.greater(head(p), 0), tf.greater(tail(p), 0));
  const safeRatio = tf.where(bothPositive, tf.divNoNan(head(p), tf.maximum(tail(p), 0)), tf.onesLike(tail(p)));
  const increments = tf.divNoNan(tf.mul(slope, tf.add(dtp, tf.mul(intercept, tf.log(safeRatio)))), tf.maximum(tf.add(tail(tp), tail(fn)), 0));
  return tf.sum(increments);
}

/**
 * The area under `curve` from per-threshold counts, as Keras' `AUC.result` (single label):
 * ROC integrates recall over the false positive rate, PR precision over recall, as Riemann sums
 * whose heights are the mean (`'interpolation'`; PR then uses the interpolation above), the
 * smaller (`'minoring'`) or the larger (`'majoring'`) value at the interval's ends. To be called
 * inside a `tidy`.
 */
export function areaUnderCurve(counts: ThresholdCounts, curve: AucCurve, summation: AucSummationMethod): Tensor {
  const { tp, fp, tn, fn } = counts;
  if (curve === 'PR' && summation === 'interpolation') return interpolatedPrAuc(counts);
  const recall = tf.divNoNan(tp, tf.add(tp, fn));
  const [x, y] = curve === 'ROC' ? [tf.divNoNan(fp, tf.add(fp, tn)), recall] : [recall, tf.divNoNan(tp, tf.add(tp, fp))];
  const heights =
    summation === 'interpolation'
      ? tf.div(tf.add(head(y), tail(y)), 2)
      : summation === 'minoring'
        ? tf.minimum(head(y), tail(y))
        : tf.maximum(head(y), tail(y));
  return tf.sum(tf.mul(tf.sub(head(x), tail(x)), heights));
}
