/**
 * The learning rate where the smoothed loss falls fastest against the logarithm of the rate, before
 * its minimum (fastai's "steepest" suggestion). Slopes are taken across a window of a tenth of the
 * curve on each side (at least one point), so that batch-to-batch noise does not pass for a descent;
 * the first tenth of the curve, where the smoothing has not settled, is skipped. Undefined when the
 * curve has fewer than 4 points before its minimum.
 */
export function steepestDescent(learningRates: readonly number[], smoothed: readonly number[]): number | undefined {
  let minimum = 0;
  for (let i = 1; i < smoothed.length; i++) if (smoothed[i]! < smoothed[minimum]!) minimum = i;
  const window = Math.max(1, Math.round(smoothed.length / 10));
  const from = Math.max(1, Math.floor(smoothed.length / 10));
  if (minimum - from < 3) return undefined;
  let best = -1;
  let bestSlope = Infinity;
  for (let i = from; i <= minimum; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(minimum, i + window);
    if (hi === lo) continue;
    const slope = (smoothed[hi]! - smoothed[lo]!) / (Math.log10(learningRates[hi]!) - Math.log10(learningRates[lo]!));
    if (slope < bestSlope) {
      bestSlope = slope;
      best = i;
    }
  }
  return best < 0 ? undefined : learningRates[best];
}
