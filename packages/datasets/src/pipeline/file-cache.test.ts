import { readdir, rm, writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImageFile } from '../images/decode-image.js';
import { decodedImages } from '../images/image-batches.js';
import { disposeElement } from './elements.js';
import { fromArrays } from './sources.js';
import { HYMENOPTERA as hymenoptera, testFolder } from '../testing/shared-data.js';

let root: string;
beforeAll(async () => {
  root = await testFolder('lw-file-cache-');
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** A dataset whose "decoder" counts its calls. */
function counted(n: number) {
  const calls = { count: 0 };
  const ds = fromArrays(Array.from({ length: n }, (_, i) => i)).mapAsync(async (i) => {
    calls.count++;
    return { x: tf.fill([2, 3], i + 0.5), y: tf.tensor1d([i, -i], 'int32'), flags: [tf.tensor1d([i % 2 === 0], 'bool'), { n: i, name: `item ${i}`, odd: i % 2 === 1 }] };
  });
  return { calls, ds };
}

async function values(ds: AsyncIterable<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const element of ds) {
    const e = element as { x: tf.Tensor; y: tf.Tensor; flags: [tf.Tensor, unknown] };
    out.push({ x: await e.x.array(), xDtype: e.x.dtype, y: await e.y.array(), yDtype: e.y.dtype, flag: await e.flags[0].array(), flagDtype: e.flags[0].dtype, rest: e.flags[1] });
    disposeElement(element);
  }
  return out;
}

describe('Dataset.cache({ file })', () => {
  it('decodes in the first epoch only; later epochs and later datasets read the file', async () => {
    const file = join(root, 'a.cache');
    const { calls, ds } = counted(5);
    const cached = ds.cache({ file });
    const before = tf.memory().numTensors;
    const first = await values(cached);
    expect(calls.count).toBe(5);
    const second = await values(cached);
    expect(calls.count).toBe(5);
    expect(second).toEqual(first);
    expect(first[3]).toEqual({ x: [[3.5, 3.5, 3.5], [3.5, 3.5, 3.5]], xDtype: 'float32', y: [3, -3], yDtype: 'int32', flag: [0], flagDtype: 'bool', rest: { n: 3, name: 'item 3', odd: true } });
    const again = counted(5);
    expect(await values(again.ds.cache({ file }))).toEqual(first);
    expect(again.calls.count).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
    expect(cached.size).toBe(5);
  });

  it('keeps no file when the first pass stops early', async () => {
    const file = join(root, 'b.cache');
    const { calls, ds } = counted(6);
    const cached = ds.cache({ file });
    const before = tf.memory().numTensors;
    for await (const element of cached) {
      disposeElement(element);
      break;
    }
    expect(await readdir(root)).not.toContain('b.cache');
    expect((await readdir(root)).filter((n) => n.startsWith('b.cache'))).toEqual([]);
    await values(cached);
    expect(calls.count).toBeGreaterThanOrEqual(7);
    const count = calls.count;
    await values(cached);
    expect(calls.count).toBe(count);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('skips image decoding in epoch 2 (the decoder is not called)', async () => {
    const file = join(root, 'images.cache');
    let decoded = 0;
    const files = ['ants/0013035.jpg', 'bees/16838648_415acd9e3f.jpg', 'ants/imageNotFound.gif'].map((p, i) => ({ path: join(hymenoptera, 'train', p), relativePath: p, label: i % 2 }));
    const images = decodedImages({
      owner: 'test',
      files,
      decode: { imageSize: [16, 16], colorMode: 'rgb', interpolation: 'bilinear', cropToAspectRatio: false, padToAspectRatio: false },
      decoder: (f, options) => {
        decoded++;
        return decodeImageFile(f.path, options);
      },
      shuffle: false,
      seed: undefined,
      batchSize: 2,
      concurrency: 2,
      onError: 'error',
    }).cache({ file });
    const epoch = async () => {
      const shapes: number[][] = [];
      let sum = 0;
      for await (const { x, y } of images) {
        shapes.push(x.shape);
        sum += (await tf.sum(x).data())[0]! + Array.from(await (y as tf.Tensor).data()).reduce((a, b) => a + b, 0);
        tf.dispose([x, y as tf.Tensor]);
      }
      return { shapes, sum };
    };
    const one = await epoch();
    expect(decoded).toBe(3);
    const two = await epoch();
    expect(decoded).toBe(3);
    expect(two).toEqual(one);
    expect(one.shapes).toEqual([[2, 16, 16, 3], [1, 16, 16, 3]]);
  });

  it('names a file that is not a cache, or a truncated one', async () => {
    const notCache = join(root, 'notes.txt');
    await writeFile(notCache, 'hello');
    await expect(counted(2).ds.cache({ file: notCache }).toArray()).rejects.toThrow(`Dataset.cache: ${notCache} is not a dataset cache file`);
    const file = join(root, 'cut.cache');
    await values(counted(3).ds.cache({ file }));
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, bytes.length - 5));
    const before = tf.memory().numTensors;
    await expect(values(counted(3).ds.cache({ file }))).rejects.toThrow(/Dataset\.cache: the cache file .*cut\.cache is truncated at byte \d+; delete it to rebuild it/);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => counted(1).ds.cache({ file: '' })).toThrow(/`file`, expected a file path/);
  });
});
