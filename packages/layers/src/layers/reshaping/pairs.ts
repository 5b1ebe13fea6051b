import { checkInteger, invalidArgument } from '@layerwise/core';

/**
 * Amounts before and after each spatial axis, as ZeroPadding and Cropping take them: one number for
 * every side, one per axis (both sides), or a `[before, after]` pair per axis. For rank 1, Keras
 * reads a pair as `[before, after]` of the single axis.
 */
export type SidePairs = number | readonly number[] | readonly (readonly [number, number])[];

/** Expands {@link SidePairs} to a `[before, after]` pair of non-negative integers per axis. */
export function normalizePairs(owner: string, argument: string, value: SidePairs, rank: number): [number, number][] {
  const fail = () => invalidArgument({ owner, argument, expected: expectedPairs(rank), received: value });
  const check = (v: unknown, path: string) => checkInteger(owner, path, v, 0);
  if (typeof value === 'number') {
    check(value, argument);
    return Array.from({ length: rank }, (): [number, number] => [value, value]);
  }
  if (!Array.isArray(value)) throw fail();
  if (rank === 1) {
    if (value.length !== 2 || value.some((v) => typeof v !== 'number')) throw fail();
    return [[check(value[0], `${argument}[0]`), check(value[1], `${argument}[1]`)]];
  }
  if (value.length !== rank) throw fail();
  return value.map((v: unknown, i): [number, number] => {
    if (typeof v === 'number') {
      check(v, `${argument}[${i}]`);
      return [v, v];
    }
    if (!Array.isArray(v) || v.length !== 2) throw fail();
    return [check(v[0], `${argument}[${i}][0]`), check(v[1], `${argument}[${i}][1]`)];
  });
}

function expectedPairs(rank: number): string {
  if (rank === 1) return 'a non-negative integer or a pair [before, after]';
  return `a non-negative integer, ${rank} of them (one per axis) or ${rank} pairs [before, after]`;
}
