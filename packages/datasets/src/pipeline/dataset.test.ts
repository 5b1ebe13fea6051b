import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromArrays, fromGenerator, fromIterable, fromTensors, zip } from './sources.js';

beforeAll(() => useBackend('cpu'));

const values = async (ds: AsyncIterable<unknown>) => {
  const out: unknown[] = [];
  for await (const e of ds) {
    out.push(e instanceof tf.Tensor ? Array.from(e.dataSync()) : e);
    tf.dispose(e as tf.TensorContainer);
  }
  return out;
};

describe('Dataset', () => {
  it('slices tensors into elements and batches them back, leaking nothing', async () => {
    const x = tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]]);
    const y = tf.tensor1d([0, 1, 0, 1, 1], 'int32');
    const before = tf.memory().numTensors;
    const ds = fromTensors({ x, y }).batch(2);
    expect(ds.size).toBe(3);
    const batches = await ds.toArray();
    expect(batches.map((b) => b.x.shape)).toEqual([[2, 2], [2, 2], [1, 2]]);
    expect(Array.from(batches[1]!.x.dataSync())).toEqual([5, 6, 7, 8]);
    expect(Array.from(batches[2]!.y.dataSync())).toEqual([1]);
    batches.forEach((b) => tf.dispose([b.x, b.y]));
    expect(tf.memory().numTensors).toBe(before);
    expect(await fromTensors({ x, y }).batch(2, { dropRemainder: true }).toArray().then((b) => { b.forEach((e) => tf.dispose([e.x, e.y])); return b.length; })).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y]);
  });

  it('maps inside tidy, disposing the consumed inputs; filters; unbatches', async () => {
    const x = tf.tensor1d([1, 2, 3, 4]);
    const before = tf.memory().numTensors;
    const ds = fromTensors(x).map((t) => tf.mul(tf.add(t, 1), 10)).filter((t) => t.dataSync()[0]! > 20);
    expect(await values(ds)).toEqual([[30], [40], [50]]);
    expect(await values(fromTensors(x).batch(3).unbatch())).toEqual([[1], [2], [3], [4]]);
    expect(await values(fromTensors(x).batch(4).unbatch().take(1))).toEqual([[1]]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('mapAsync keeps the order with several in flight', async () => {
    const delays = [30, 5, 20, 1, 10];
    const ds = fromArrays(delays).mapAsync(async (d) => {
      await new Promise((r) => setTimeout(r, d));
      return d * 2;
    }, { concurrency: 3 });
    expect(await values(ds)).toEqual([60, 10, 40, 2, 20]);
  });

  it('shuffles reproducibly by seed, anew each pass, and keeps every element', async () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const a = fromArrays(items).shuffle(16, { seed: 3 });
    const b = fromArrays(items).shuffle(16, { seed: 3 });
    const first = (await values(a)) as number[];
    expect(await values(b)).toEqual(first);
    expect([...first].sort((p, q) => p - q)).toEqual(items);
    expect(first).not.toEqual(items);
    expect(await values(a)).not.toEqual(first);
    const fixed = fromArrays(items).shuffle(16, { seed: 3, reshuffleEachIteration: false });
    expect(await values(fixed)).toEqual(await values(fixed));
  });

  it('take, skip, repeat, concatenate, zip and size', async () => {
    const ds = fromArrays([1, 2, 3]);
    expect(await values(ds.take(2))).toEqual([1, 2]);
    expect(await values(ds.skip(2))).toEqual([3]);
    expect(await values(ds.repeat(2))).toEqual([1, 2, 3, 1, 2, 3]);
    expect(ds.repeat(2).size).toBe(6);
    expect(await values(ds.repeat().take(5))).toEqual([1, 2, 3, 1, 2]);
    expect(await values(ds.concatenate(fromArrays([9])))).toEqual([1, 2, 3, 9]);
    expect(await values(zip({ a: ds, b: fromArrays(['x', 'y']) }))).toEqual([{ a: 1, b: 'x' }, { a: 2, b: 'y' }]);
    expect(zip([ds, ds.take(1)]).size).toBe(1);
  });

  it('stops pulling when the consumer stops, and disposes what it buffered', async () => {
    const x = tf.tensor2d([[1], [2], [3], [4], [5], [6]]);
    const before = tf.memory().numTensors;
    let pulled = 0;
    const counted = fromTensors(x).map((t) => {
      pulled++;
      return tf.clone(t);
    });
    expect((await values(counted.take(2))).length).toBe(2);
    expect(pulled).toBe(2);
    for await (const e of fromTensors(x).shuffle(4, { seed: 1 }).prefetch(2)) {
      e.dispose();
      break;
    }
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('caches the first pass and replays it without running the source again', async () => {
    let runs = 0;
    const ds = fromGenerator(function* () {
      runs++;
      yield* [tf.scalar(1), tf.scalar(2)];
    }).cache();
    expect(await values(ds)).toEqual([[1], [2]]);
    expect(await values(ds)).toEqual([[1], [2]]);
    expect(runs).toBe(1);
    const before = tf.memory().numTensors;
    ds.dispose();
    expect(tf.memory().numTensors).toBe(before - 2);
  });

  it('splits reproducibly into disjoint parts covering everything', async () => {
    const items = Array.from({ length: 200 }, (_, i) => i);
    const [train, val] = fromArrays(items).split({ fraction: 0.25, seed: 7 });
    const a = (await values(train)) as number[];
    const b = (await values(val)) as number[];
    expect([...a, ...b].sort((p, q) => p - q)).toEqual(items);
    expect(b.length).toBeGreaterThan(30);
    expect(b.length).toBeLessThan(70);
    expect(await values(val)).toEqual(b);
    expect(() => fromArrays(items).split({ fraction: 1 })).toThrow(/`fraction`.*Received: fraction=1/);
  });

  it('iterates any iterable anew per pass, and reports bad input clearly', async () => {
    const ds = fromIterable(new Set([4, 5]));
    expect(await values(ds)).toEqual([4, 5]);
    expect(await values(ds)).toEqual([4, 5]);
    const a = tf.zeros([3, 2]);
    const b = tf.zeros([4]);
    expect(() => fromTensors({ a, b })).toThrow(/same first dimension.*\(3, 2\), \(4,\)/);
    expect(() => fromArrays([1]).batch(0)).toThrow(/`size`/);
    await expect(fromArrays([tf.zeros([2]), tf.zeros([3])]).batch(2).toArray()).rejects.toThrow(/different shapes/);
    tf.dispose([a, b]);
  });
});
