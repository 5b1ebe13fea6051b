/** Median of the values. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Times `fn` (milliseconds per call): `warmup` untimed calls, then at least `minReps` and at most
 * `maxReps` timed calls, stopping once `budgetMs` has been spent. Returns every timing.
 */
export function timeRepeated(fn: () => void, options: { warmup: number; minReps: number; maxReps: number; budgetMs: number }): number[] {
  for (let i = 0; i < options.warmup; i++) fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < options.minReps || (times.length < options.maxReps && performance.now() - start < options.budgetMs)) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return times;
}

/** {@link timeRepeated} for an asynchronous `fn`, awaited call by call. */
export async function timeRepeatedAsync(fn: () => Promise<void>, options: { warmup: number; minReps: number; maxReps: number; budgetMs: number }): Promise<number[]> {
  for (let i = 0; i < options.warmup; i++) await fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < options.minReps || (times.length < options.maxReps && performance.now() - start < options.budgetMs)) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times;
}
