/** Per-feature count, mean and sum of squared deviations, merged batch by batch (Chan et al.'s parallel update). */
export interface Moments {
  readonly count: number;
  readonly mean: readonly number[];
  /** Sum of squared deviations from the mean. */
  readonly m2: readonly number[];
}

/** The moments of two disjoint parts of the data merged. */
export function mergeMoments(a: Moments | undefined, b: Moments): Moments {
  if (a === undefined || a.count === 0) return b;
  const count = a.count + b.count;
  const mean = a.mean.map((m, i) => m + ((b.mean[i]! - m) * b.count) / count);
  const m2 = a.m2.map((s, i) => s + b.m2[i]! + ((b.mean[i]! - a.mean[i]!) ** 2 * a.count * b.count) / count);
  return { count, mean, m2 };
}

/** The population variance of `moments`. */
export const variance = (moments: Moments): number[] => moments.m2.map((s) => s / moments.count);
