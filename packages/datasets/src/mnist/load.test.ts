import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { LayerwiseError, useBackend } from '@layerwise/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchLike } from '../fetch/fetch-like.js';
import { MNIST_FILES } from './files.js';
import { toBatches } from './batches.js';
import { loadMnist, loadMnistSplit, mnist, type MnistData } from './load.js';
import { sliceSplit } from './split.js';
import { toTensors } from './tensors.js';

process.env['LAYERWISE_DATASETS_DIR'] ??= resolve(__dirname, '../../../../../shared/datasets');
const datasets = process.env['LAYERWISE_DATASETS_DIR'];

/** A fetch that must not be called: the data is offline. */
const noFetch: FetchLike = async (url) => {
  throw new Error(`unexpected download of ${url}`);
};

let data: MnistData;
let temp: string;

beforeAll(async () => {
  await useBackend('cpu');
  temp = await mkdtemp(join(tmpdir(), 'layerwise-mnist-'));
  data = await loadMnist({ fetch: noFetch, cacheDir: join(temp, 'unused-cache') });
});

afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

function classCounts(labels: Uint8Array): number[] {
  const counts = new Array<number>(10).fill(0);
  for (const label of labels) counts[label]! += 1;
  return counts;
}

describe('loadMnist on the real files', () => {
  it('holds 60,000 training and 10,000 test images of 28x28', () => {
    const { train, test } = data;
    expect([train.count, train.rows, train.cols]).toEqual([60_000, 28, 28]);
    expect([test.count, test.rows, test.cols]).toEqual([10_000, 28, 28]);
    expect(train.images.length).toBe(60_000 * 784);
    expect(train.labels.length).toBe(60_000);
    expect(test.images.length).toBe(10_000 * 784);
    expect(test.labels.length).toBe(10_000);
  });

  it('has the published number of training images per class', () => {
    expect(classCounts(data.train.labels)).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    expect(classCounts(data.test.labels)).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  });

  it('has the well-known first labels and pixels spanning 0..255', () => {
    expect(Array.from(data.train.labels.subarray(0, 5))).toEqual([5, 0, 4, 1, 9]);
    expect(Array.from(data.test.labels.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
    const first = data.train.images.subarray(0, 784);
    expect(Math.min(...first)).toBe(0);
    expect(Math.max(...first)).toBe(255);
    // Digits are drawn in the middle: the border rows of the first image are blank.
    expect(first.subarray(0, 28).every((p) => p === 0)).toBe(true);
  });

  it('is also reachable as mnist.load, Keras style', () => {
    expect(mnist.load).toBe(loadMnist);
  });
});

describe('MNIST subsets as tensors and batches', () => {
  it('turns the first 100 test images into [100, 784] and [100] tensors', async () => {
    const { x, y } = toTensors(sliceSplit(data.test, { count: 100 }), { flatten: true });
    try {
      expect(x.shape).toEqual([100, 784]);
      expect(y.shape).toEqual([100]);
      expect(Array.from((await y.data()).subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
      const pixels = await x.data();
      expect(Math.max(...pixels)).toBe(1);
      expect(Math.min(...pixels)).toBe(0);
    } finally {
      tf.dispose([x, y]);
    }
  });

  it('batches the first 1,000 training images by 128: 7 full batches and one of 104', async () => {
    const before = tf.memory().numTensors;
    const shapes: number[][] = [];
    for await (const { x, y } of toBatches(data.train, { batchSize: 128, count: 1000, shuffle: true, seed: 3 })) {
      shapes.push(x.shape);
      expect(y!.shape).toEqual([x.shape[0]]);
      tf.dispose([x, y!]);
    }
    expect(shapes).toEqual([...new Array(7).fill([128, 28, 28, 1]), [104, 28, 28, 1]]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('loadMnist without an offline copy', () => {
  it('downloads every file once into the cache, then loads from the cache', async () => {
    const cacheDir = join(temp, 'cache');
    const calls: string[] = [];
    const fetch: FetchLike = async (url) => {
      calls.push(url);
      const bytes = await readFile(join(datasets, 'mnist', url.slice(url.lastIndexOf('/') + 1)));
      return { ok: true, status: 200, arrayBuffer: async () => Uint8Array.from(bytes).buffer };
    };
    const options = { offlineDir: join(temp, 'empty-offline'), cacheDir, fetch, mirrors: ['https://mirror.test/mnist/'] };
    const downloaded = await loadMnist(options);
    expect(downloaded.train.count).toBe(60_000);
    expect(calls.sort()).toEqual(Object.values(MNIST_FILES).map((f) => `https://mirror.test/mnist/${f.name}`).sort());
    expect((await readdir(join(cacheDir, 'mnist'))).sort()).toEqual(Object.values(MNIST_FILES).map((f) => f.name).sort());

    const cached = await loadMnist(options);
    expect(calls).toHaveLength(4);
    expect(cached.test.labels).toEqual(data.test.labels);
  });

  it('rejects a truncated offline file by its checksum, naming it', async () => {
    const offline = join(temp, 'offline');
    await mkdir(join(offline, 'mnist'), { recursive: true });
    await cp(join(datasets, 'mnist'), join(offline, 'mnist'), { recursive: true });
    const truncated = (await readFile(join(datasets, 'mnist', MNIST_FILES.testLabels.name))).subarray(0, 1000);
    await rm(join(offline, 'mnist', MNIST_FILES.testLabels.name), { force: true });
    await writeFile(join(offline, 'mnist', MNIST_FILES.testLabels.name), truncated);
    const error = await loadMnist({ offlineDir: offline, cacheDir: join(temp, 'cache2'), fetch: noFetch }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LayerwiseError);
    expect((error as Error).message).toMatch(
      new RegExp(`^mnist/t10k-labels-idx1-ubyte\\.gz: checksum mismatch in the offline directory: .* expected ${MNIST_FILES.testLabels.md5} \\(1000 bytes\\)`),
    );
  });
});

describe('loadMnistSplit', () => {
  it('fetches only the two files of the split asked for, and decodes them as loadMnist does', async () => {
    const requested: string[] = [];
    const mirror: FetchLike = async (url) => {
      requested.push(url);
      const bytes = await readFile(join(datasets!, 'mnist', url.slice('http://mirror.test/'.length)));
      return new Response(bytes, { status: 200, headers: { 'Content-Length': String(bytes.length) } });
    };
    const empty = join(temp, 'empty-offline');
    await mkdir(empty, { recursive: true });
    const test = await loadMnistSplit('test', { offlineDir: empty, cacheDir: join(temp, 'split-cache'), mirrors: ['http://mirror.test/'], fetch: mirror });
    expect(requested.sort()).toEqual(['http://mirror.test/t10k-images-idx3-ubyte.gz', 'http://mirror.test/t10k-labels-idx1-ubyte.gz']);
    expect(test.count).toBe(10_000);
    expect(test.images).toEqual(data.test.images);
    expect(test.labels).toEqual(data.test.labels);
  });

  it('names a bad split', async () => {
    await expect(loadMnistSplit('validation' as 'test', { fetch: noFetch })).rejects.toThrow(
      /loadMnistSplit: received an invalid value for `split`, expected 'train' or 'test'/,
    );
  });
});
