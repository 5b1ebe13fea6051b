import * as tf from '@tensorflow/tfjs-core';
import { useBackend, type Batch } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { toBatches, type MnistBatches } from './batches.js';
import type { MnistSplit } from './split.js';

beforeAll(() => useBackend('cpu'));

/** Ten 2x3 images, image i filled with the value 10 * i, labelled i. */
const split: MnistSplit = {
  images: Uint8Array.from({ length: 10 * 6 }, (_, p) => 10 * Math.floor(p / 6)),
  labels: Uint8Array.from({ length: 10 }, (_, i) => i),
  count: 10,
  rows: 2,
  cols: 3,
};

interface PassSummary {
  shapes: { x: number[]; y: number[] }[];
  labels: number[];
}

/** Runs one pass, checking each batch's images against its labels, and disposes every tensor. */
async function pass(batches: MnistBatches): Promise<PassSummary> {
  const summary: PassSummary = { shapes: [], labels: [] };
  for await (const batch of batches) {
    const { x, y } = batch as Required<Pick<Batch, 'x' | 'y'>>;
    try {
      summary.shapes.push({ x: x.shape, y: y.shape });
      const labels = Array.from(await y.data());
      const pixels = await x.data();
      labels.forEach((label, i) => {
        // Every pixel of the image in row i must be that of item `label` (raw value 10 * label).
        expect(Array.from(pixels.subarray(i * 6, i * 6 + 6))).toEqual(new Array(6).fill(10 * label));
      });
      summary.labels.push(...labels);
    } finally {
      tf.dispose([batch.x, batch.y!]);
    }
  }
  return summary;
}

describe('toBatches', () => {
  it('yields batches of batchSize in order, the last one partial', async () => {
    const batches = toBatches(split, { batchSize: 4, normalize: false });
    expect([batches.sampleCount, batches.batchCount]).toEqual([10, 3]);
    const { shapes, labels } = await pass(batches);
    expect(shapes).toEqual([
      { x: [4, 2, 3, 1], y: [4] },
      { x: [4, 2, 3, 1], y: [4] },
      { x: [2, 2, 3, 1], y: [2] },
    ]);
    expect(labels).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('drops the partial batch with dropRemainder, flattens, and takes the first `count` items', async () => {
    const dropped = toBatches(split, { batchSize: 4, dropRemainder: true, normalize: false });
    expect(dropped.batchCount).toBe(2);
    expect((await pass(dropped)).labels).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);

    const flat = toBatches(split, { batchSize: 3, flatten: true, count: 7, normalize: false });
    const { shapes, labels } = await pass(flat);
    expect(shapes.map((s) => s.x)).toEqual([[3, 6], [3, 6], [1, 6]]);
    expect(labels).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('normalizes pixels by default and gives int32 labels', async () => {
    for await (const { x, y } of toBatches(split, { batchSize: 10 })) {
      expect(x.dtype).toBe('float32');
      expect(y!.dtype).toBe('int32');
      const pixels = await x.data();
      expect(pixels[0]).toBe(0);
      expect(pixels[9 * 6]).toBeCloseTo(90 / 255, 6);
      expect(Math.max(...pixels)).toBeCloseTo(90 / 255, 6);
      tf.dispose([x, y!]);
    }
  });

  it('shuffles reproducibly from a seed, each pass a new permutation of all items', async () => {
    const options = { batchSize: 3, shuffle: true, seed: 42, normalize: false };
    const a = toBatches(split, options);
    const b = toBatches(split, options);
    const aPasses = [(await pass(a)).labels, (await pass(a)).labels, (await pass(a)).labels];
    const bPasses = [(await pass(b)).labels, (await pass(b)).labels, (await pass(b)).labels];
    expect(bPasses).toEqual(aPasses);
    const sorted = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    for (const labels of aPasses) expect([...labels].sort((p, q) => p - q)).toEqual(sorted);
    expect(aPasses.some((labels) => labels.join() !== sorted.join())).toBe(true);
    expect(new Set(aPasses.map((labels) => labels.join())).size).toBeGreaterThan(1);

    const other = toBatches(split, { ...options, seed: 7 });
    expect((await pass(other)).labels).not.toEqual(aPasses[0]);
  });

  it('creates a batch only when it is reached, and leaks nothing once the consumer disposes', async () => {
    const before = tf.memory().numTensors;
    const batches = toBatches(split, { batchSize: 4, shuffle: true, seed: 1, normalize: false });
    const iterator = batches[Symbol.asyncIterator]();
    expect(tf.memory().numTensors).toBe(before);
    const first = await iterator.next();
    expect(first.done).toBe(false);
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose([first.value.x, first.value.y]);
    await iterator.return?.();
    expect(tf.memory().numTensors).toBe(before);

    await pass(batches);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad options', () => {
    expect(() => toBatches(split, { batchSize: 0 })).toThrow(/toBatches: .*`batchSize`, expected a positive integer/);
    expect(() => toBatches(split, { seed: 0.5 })).toThrow(/`seed`, expected an integer/);
    expect(() => toBatches(split, { count: 11 })).toThrow(/`count`, expected at most the split's 10 items/);
    expect(() => toBatches(split, { shuffle: 1 as unknown as boolean })).toThrow(/`shuffle`/);
  });
});
