/** The statistics and buckets of TensorBoard's `HistogramProto`. */
export interface Histogram {
  readonly min: number;
  readonly max: number;
  readonly num: number;
  readonly sum: number;
  readonly sumSquares: number;
  /** The right edge of each bucket (the first bucket starts at `min`). */
  readonly bucketLimits: Float64Array;
  /** How many values fall in each bucket. */
  readonly bucketCounts: Float64Array;
}

/**
 * A histogram of `values` in `bucketCount` equal-width buckets between their minimum and maximum
 * (one bucket when they are all equal), as `tf.summary.histogram` draws them. Non-finite values
 * are left out of the buckets and the statistics.
 */
export function histogramOf(values: ArrayLike<number>, bucketCount = 30): Histogram {
  let min = Infinity;
  let max = -Infinity;
  let num = 0;
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    num++;
    sum += v;
    sumSquares += v * v;
  }
  if (num === 0) return { min: 0, max: 0, num: 0, sum: 0, sumSquares: 0, bucketLimits: new Float64Array(), bucketCounts: new Float64Array() };
  const buckets = max > min ? bucketCount : 1;
  const width = (max - min) / buckets;
  const bucketLimits = new Float64Array(buckets);
  for (let b = 0; b < buckets; b++) bucketLimits[b] = b === buckets - 1 ? max : min + (b + 1) * width;
  const bucketCounts = new Float64Array(buckets);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    const b = width > 0 ? Math.min(buckets - 1, Math.floor((v - min) / width)) : 0;
    bucketCounts[b]!++;
  }
  return { min, max, num, sum, sumSquares, bucketLimits, bucketCounts };
}
