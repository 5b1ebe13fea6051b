import { invalidArgument } from '@layerwise/core';

/** A closed interval `[low, high]`. */
export type Range = readonly [number, number];

/** A number `r` (meaning `[-r, r]`, so `r >= 0`) or a pair `[low, high]` with `low <= high`. */
export type RangeOption = number | readonly [number, number];

/** Limits on the values of a range (`min` excluded when `minExclusive`). */
export interface RangeBounds {
  readonly min?: number;
  readonly max?: number;
  readonly minExclusive?: boolean;
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function within([low, high]: Range, { min = -Infinity, max = Infinity, minExclusive = false }: RangeBounds): boolean {
  return low <= high && (minExclusive ? low > min : low >= min) && high <= max;
}

function describeBounds({ min = -Infinity, max = Infinity, minExclusive = false }: RangeBounds): string {
  if (!Number.isFinite(min) && !Number.isFinite(max)) return '';
  return ` with values in ${minExclusive ? '(' : '['}${Number.isFinite(min) ? min : '-inf'}, ${Number.isFinite(max) ? `${max}]` : 'inf)'}`;
}

/**
 * Reads a range option given as a pair `[low, high]` (`low <= high`) or as a number `r >= 0`, which
 * `symmetric` turns into a pair (default `[-r, r]`). Errors name the option and the value received
 * (a negative number, a reversed pair, values outside `bounds`).
 */
export function checkRange(
  owner: string,
  argument: string,
  value: unknown,
  bounds: RangeBounds = {},
  symmetric: (r: number) => Range = (r) => [-r, r],
): Range {
  const range: Range | undefined =
    isFiniteNumber(value) && value >= 0
      ? symmetric(value)
      : Array.isArray(value) && value.length === 2 && value.every(isFiniteNumber)
        ? [value[0] as number, value[1] as number]
        : undefined;
  if (range === undefined || !within(range, bounds)) {
    throw invalidArgument({ owner, argument, expected: `a non-negative number or a pair [low, high] with low <= high${describeBounds(bounds)}`, received: value });
  }
  return range;
}

/** Reads a pair `[low, high]` of finite numbers with `low <= high`, inside `bounds`. */
export function checkPair(owner: string, argument: string, value: unknown, bounds: RangeBounds = {}): Range {
  const ok = Array.isArray(value) && value.length === 2 && value.every(isFiniteNumber) && within([value[0] as number, value[1] as number], bounds);
  if (!ok) throw invalidArgument({ owner, argument, expected: `a pair [low, high] with low <= high${describeBounds(bounds)}`, received: value });
  return [(value as number[])[0]!, (value as number[])[1]!];
}

/** A uniform draw in `range` from `next` (a float in [0, 1)). */
export function uniform(range: Range, next: () => number): number {
  return range[0] === range[1] ? range[0] : range[0] + (range[1] - range[0]) * next();
}
