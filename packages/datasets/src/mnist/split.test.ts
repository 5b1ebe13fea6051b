import { LayerwiseError } from '@layerwise/core';
import { describe, expect, it } from 'vitest';
import { checkSplit, sliceSplit, type MnistSplit } from './split.js';

/** Five 2x3 images, image i filled with 10 * i, label i. */
const split: MnistSplit = {
  images: Uint8Array.from({ length: 5 * 6 }, (_, p) => 10 * Math.floor(p / 6)),
  labels: Uint8Array.of(0, 1, 2, 3, 4),
  count: 5,
  rows: 2,
  cols: 3,
};

describe('sliceSplit', () => {
  it('keeps the first `count` items, sharing memory', () => {
    const first = sliceSplit(split, { count: 2 });
    expect(first).toEqual({ images: split.images.subarray(0, 12), labels: Uint8Array.of(0, 1), count: 2, rows: 2, cols: 3 });
    expect(first.images.buffer).toBe(split.images.buffer);
  });

  it('keeps the items from `start`, to the end by default', () => {
    const rest = sliceSplit(split, { start: 3 });
    expect(rest.count).toBe(2);
    expect(Array.from(rest.labels)).toEqual([3, 4]);
    expect(Array.from(rest.images)).toEqual([30, 30, 30, 30, 30, 30, 40, 40, 40, 40, 40, 40]);
    expect(sliceSplit(split, { start: 1, count: 3 }).labels).toEqual(Uint8Array.of(1, 2, 3));
    expect(sliceSplit(split, { start: 5 }).count).toBe(0);
  });

  it('rejects slices outside the split', () => {
    expect(() => sliceSplit(split, { start: 6 })).toThrow('sliceSplit: `start` is past the end of the split: start=6, the split has 5 items');
    expect(() => sliceSplit(split, { start: 2, count: 4 })).toThrow(
      'sliceSplit: the slice runs past the end of the split: start=2, count=4, the split has 5 items',
    );
    expect(() => sliceSplit(split, { count: -1 })).toThrow(LayerwiseError);
    expect(() => sliceSplit(split, { start: 1.5 })).toThrow(/`start`/);
  });
});

describe('checkSplit', () => {
  it('accepts a consistent split and rejects inconsistent ones', () => {
    expect(() => checkSplit('f', split)).not.toThrow();
    expect(() => checkSplit('f', { ...split, count: 4 })).toThrow(
      'f: inconsistent split: 4 items of 2x3 need 24 pixels and 4 labels, got 30 pixels and 5 labels',
    );
    expect(() => checkSplit('f', { ...split, rows: 0 })).toThrow(/`split.rows`/);
    expect(() => checkSplit('f', { ...split, images: Array.from(split.images) } as unknown as MnistSplit)).toThrow(/Uint8Array/);
  });
});
