import { invalidArgument } from '@layerwise/core';

/** The threshold Keras uses with `topK`: every top-k prediction counts as positive. */
export const NEG_INF = -1e10;

/** Keras' fuzz factor (`keras.config.epsilon()`). */
export const EPSILON = 1e-7;

/**
 * Checks thresholds given to a confusion metric (a number or a non-empty array of numbers in
 * `[0, 1]`) and returns them as an array; `undefined` or `null` give `[fallback]`.
 */
export function parseThresholds(owner: string, thresholds: unknown, fallback: number): number[] {
  if (thresholds === undefined || thresholds === null) return [fallback];
  const list = Array.isArray(thresholds) ? thresholds : [thresholds];
  const ok = list.length > 0 && list.every((t) => typeof t === 'number' && Number.isFinite(t) && t >= 0 && t <= 1);
  if (!ok) {
    throw invalidArgument({ owner, argument: 'thresholds', expected: 'a number or a non-empty array of numbers in [0, 1]', received: thresholds });
  }
  return [...(list as number[])];
}

/**
 * Keras' `is_evenly_distributed_thresholds`: at least 3 thresholds equal (within 1e-7) to
 * `i / (n - 1)`. Such thresholds let the confusion counts be bucketed in one pass.
 */
export function isEvenlyDistributed(thresholds: readonly number[]): boolean {
  const n = thresholds.length;
  if (n < 3) return false;
  // np.allclose(a, b, atol=eps): |a - b| <= atol + rtol * |b| with rtol = 1e-5.
  return thresholds.every((t, i) => Math.abs(t - i / (n - 1)) <= EPSILON + 1e-5 * Math.abs(i / (n - 1)));
}
