import * as tf from '@tensorflow/tfjs-core';
import { LayerwiseError, useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MnistSplit } from './split.js';
import { toTensors } from './tensors.js';

beforeAll(() => useBackend('cpu'));

/** Three 2x2 images with distinct pixels (image i: 50i, 50i+1, 50i+2, 50i+3 up to 255) and labels 7, 0, 9. */
const split: MnistSplit = {
  images: Uint8Array.of(0, 1, 2, 3, 50, 51, 52, 53, 100, 101, 254, 255),
  labels: Uint8Array.of(7, 0, 9),
  count: 3,
  rows: 2,
  cols: 2,
};

describe('toTensors', () => {
  it('gives x float32 [n, rows, cols, 1] divided by 255 and y int32 [n]', async () => {
    const { x, y } = toTensors(split);
    try {
      expect(x.dtype).toBe('float32');
      expect(x.shape).toEqual([3, 2, 2, 1]);
      expect(Array.from(await x.data())).toEqual(Array.from(Float32Array.from(split.images, (p) => p / 255)));
      expect(y.dtype).toBe('int32');
      expect(y.shape).toEqual([3]);
      expect(Array.from(await y.data())).toEqual([7, 0, 9]);
    } finally {
      tf.dispose([x, y]);
    }
  });

  it('flattens, keeps raw pixels without normalize, and gives float32 labels on request', async () => {
    const { x, y } = toTensors(split, { flatten: true, normalize: false, labelDtype: 'float32' });
    try {
      expect(x.shape).toEqual([3, 4]);
      expect(Array.from(await x.data())).toEqual(Array.from(split.images));
      expect(y.dtype).toBe('float32');
      expect(Array.from(await y.data())).toEqual([7, 0, 9]);
    } finally {
      tf.dispose([x, y]);
    }
  });

  it('takes the first `count` items', async () => {
    const { x, y } = toTensors(split, { count: 2, flatten: true, normalize: false });
    try {
      expect(x.shape).toEqual([2, 4]);
      expect(Array.from(await x.data())).toEqual([0, 1, 2, 3, 50, 51, 52, 53]);
      expect(Array.from(await y.data())).toEqual([7, 0]);
    } finally {
      tf.dispose([x, y]);
    }
  });

  it('creates exactly the two tensors it returns', () => {
    const before = tf.memory().numTensors;
    const { x, y } = toTensors(split);
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose([x, y]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad options, creating no tensor', () => {
    const before = tf.memory().numTensors;
    expect(() => toTensors(split, { count: 4 })).toThrow(
      "toTensors: received an invalid value for `count`, expected at most the split's 3 items. Received: count=4",
    );
    expect(() => toTensors(split, { count: 0 })).toThrow(/`count`, expected a positive integer/);
    expect(() => toTensors(split, { labelDtype: 'uint8' as 'int32' })).toThrow(/`labelDtype`/);
    expect(() => toTensors(split, { normalize: 'yes' as unknown as boolean })).toThrow(LayerwiseError);
    expect(() => toTensors({ ...split, count: 2 })).toThrow(/inconsistent split/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
