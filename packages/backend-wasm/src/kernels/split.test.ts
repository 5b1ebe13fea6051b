import { describe, expect, it } from 'vitest';
import { splitRange, threadsFor } from './split.js';

describe('splitRange', () => {
  it('covers the range with aligned, contiguous pieces', () => {
    for (const [total, parts, align] of [[10, 3, 1], [100, 4, 8], [7, 4, 4], [1, 2, 1], [33, 2, 4]] as const) {
      const ranges = splitRange(total, parts, align);
      expect(ranges[0]![0]).toBe(0);
      expect(ranges.at(-1)![1]).toBe(total);
      for (let i = 1; i < ranges.length; i++) {
        expect(ranges[i]![0]).toBe(ranges[i - 1]![1]);
        expect(ranges[i]![0] % align).toBe(0);
      }
      expect(ranges.length).toBeLessThanOrEqual(parts);
      for (const [s, e] of ranges) expect(e).toBeGreaterThan(s);
    }
  });

  it('gives an empty list for an empty range', () => {
    expect(splitRange(0, 4)).toEqual([]);
  });
});

describe('threadsFor', () => {
  it('keeps small work on one thread and never exceeds the units', () => {
    expect(threadsFor(1000, 100, 4)).toBe(1);
    expect(threadsFor(1e9, 100, 1)).toBe(1);
    expect(threadsFor(1e9, 3, 8)).toBe(3);
    expect(threadsFor(1e9, 100, 4)).toBe(4);
  });
});
