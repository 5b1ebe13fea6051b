/** A half-open range of indices. */
export type Range = readonly [start: number, end: number];

/**
 * Cuts `0..total` into at most `parts` contiguous non-empty ranges of nearly equal size whose
 * inner boundaries are multiples of `align`.
 */
export function splitRange(total: number, parts: number, align = 1): Range[] {
  const units = Math.ceil(total / align);
  const n = Math.max(1, Math.min(parts, units));
  const ranges: Range[] = [];
  for (let i = 0; i < n; i++) {
    const start = Math.min(total, Math.round((units * i) / n) * align);
    const end = Math.min(total, Math.round((units * (i + 1)) / n) * align);
    if (end > start) ranges.push([start, end]);
  }
  return ranges;
}

/** Work below this many floating-point operations runs on one thread (waking others costs more). */
export const PARALLEL_MIN_FLOPS = 4e6;

/** How many threads to use for `flops` of work splittable into `units` pieces. */
export function threadsFor(flops: number, units: number, available: number): number {
  if (available <= 1 || flops < PARALLEL_MIN_FLOPS) return 1;
  return Math.max(1, Math.min(available, units, Math.floor(flops / (PARALLEL_MIN_FLOPS / 2))));
}
