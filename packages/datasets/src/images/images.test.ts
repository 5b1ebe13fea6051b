import { mkdtemp, mkdir, writeFile, copyFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend, type Batch } from '@layerwise/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { imageDatasetFromDirectory } from './image-dataset-from-directory.js';

const root = process.env.LAYERWISE_DATASETS_DIR ?? resolve(__dirname, '../../../../../shared/datasets');
const hymenoptera = join(root, 'hymenoptera');

beforeAll(() => useBackend('cpu'));

async function collect(ds: AsyncIterable<Batch>) {
  const labels: number[] = [];
  let images = 0;
  const shapes = new Set<string>();
  for await (const batch of ds) {
    shapes.add(JSON.stringify(batch.x.shape.slice(1)));
    images += batch.x.shape[0]!;
    labels.push(...Array.from(batch.y!.dataSync()));
    const max = tf.tidy(() => tf.max(batch.x).dataSync()[0]!);
    expect(max).toBeLessThanOrEqual(255);
    tf.dispose([batch.x, batch.y!]);
  }
  return { labels, images, shapes };
}

describe('imageDatasetFromDirectory on hymenoptera', () => {
  it('reads the 245 training and 153 validation images (GIF and progressive JPEGs included) with folder labels', async () => {
    const before = tf.memory().numTensors;
    const train = await imageDatasetFromDirectory(join(hymenoptera, 'train'), { imageSize: [48, 48], batchSize: 32, seed: 1, verbose: false });
    expect(train.classNames).toEqual(['ants', 'bees']);
    expect(train.filePaths).toHaveLength(245);
    expect(train.filePaths.some((p) => p.endsWith('.gif'))).toBe(true);
    const t = await collect(train);
    expect(t.images).toBe(245);
    expect(t.shapes).toEqual(new Set([JSON.stringify([48, 48, 3])]));
    expect(t.labels.filter((l) => l === 0)).toHaveLength(124);
    expect(t.labels.filter((l) => l === 1)).toHaveLength(121);
    const val = await imageDatasetFromDirectory(join(hymenoptera, 'val'), { imageSize: [32, 40], batchSize: 50, shuffle: false, colorMode: 'grayscale', labelMode: 'binary' });
    const v = await collect(val);
    expect(v.images).toBe(153);
    expect(v.shapes).toEqual(new Set([JSON.stringify([32, 40, 1])]));
    expect(v.labels.slice(0, 70).every((l) => l === 0)).toBe(true);
    expect(v.labels.slice(70).every((l) => l === 1)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('splits reproducibly by seed into disjoint training and validation subsets', async () => {
    const opts = { imageSize: [16, 16] as [number, number], validationSplit: 0.2, seed: 7, subset: 'both' as const };
    const [a, b] = await imageDatasetFromDirectory(join(hymenoptera, 'train'), opts);
    const [a2] = await imageDatasetFromDirectory(join(hymenoptera, 'train'), opts);
    expect(a.filePaths).toHaveLength(196);
    expect(b.filePaths).toHaveLength(49);
    expect(a2.filePaths).toEqual(a.filePaths);
    expect(a.filePaths.filter((p) => b.filePaths.includes(p))).toEqual([]);
    await expect(imageDatasetFromDirectory(join(hymenoptera, 'train'), { validationSplit: 0.2, subset: 'training' })).rejects.toThrow(/needs a seed/);
  });
});

describe('imageDatasetFromDirectory on odd files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lw-images-'));
    await mkdir(join(dir, 'b'), { recursive: true });
    await mkdir(join(dir, 'a'), { recursive: true });
    const sample = join(hymenoptera, 'train/ants/0013035.jpg');
    await copyFile(sample, join(dir, 'a', 'with space.JPG'));
    await copyFile(sample, join(dir, 'b', 'one.jpeg'));
    await writeFile(join(dir, 'b', 'broken.png'), new Uint8Array([137, 80, 78, 71, 1, 2, 3]));
    await writeFile(join(dir, 'b', 'notes.txt'), 'not an image');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('names an unreadable file, or skips it with a warning when asked', async () => {
    const ds = await imageDatasetFromDirectory(dir, { imageSize: [8, 8], shuffle: false, labelMode: 'categorical' });
    await expect(collect(ds)).rejects.toThrow(/cannot decode '.*broken\.png'/);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const skipping = await imageDatasetFromDirectory(dir, { imageSize: [8, 8], shuffle: false, onError: 'skip', labelMode: 'categorical' });
    const before = tf.memory().numTensors;
    const batches = await skipping.toArray();
    expect(batches).toHaveLength(1);
    expect(batches[0]!.x.shape).toEqual([2, 8, 8, 3]);
    expect(Array.from(batches[0]!.y!.dataSync())).toEqual([1, 0, 0, 1]);
    batches.forEach((b) => tf.dispose([b.x, b.y!]));
    expect(tf.memory().numTensors).toBe(before);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/skipped 1 unreadable image\(s\): .*broken\.png/));
    warn.mockRestore();
  });

  it('rejects bad options naming them', async () => {
    await expect(imageDatasetFromDirectory(dir, { interpolation: 'gaussian' as never })).rejects.toThrow(/`interpolation`.*Received: interpolation='gaussian'/);
    await expect(imageDatasetFromDirectory(join(dir, 'missing'))).rejects.toThrow(/does not exist/);
    await expect(imageDatasetFromDirectory(dir, { classNames: ['a', 'c'] })).rejects.toThrow(/'c', which is not a sub-folder/);
  });
});
