import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARED_DATASETS } from '../testing/shared-data.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FASHION_MNIST, FASHION_MNIST_FILES, loadFashionMnist, loadFashionMnistSplit } from './fashion-mnist.js';
import { loadIdxDataset } from './idx-pairs.js';

const datasets = SHARED_DATASETS;

let cacheDir: string;
beforeAll(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'lw-fashion-'));
});
afterAll(() => rm(cacheDir, { recursive: true, force: true }));

describe('loadFashionMnist', () => {
  it('reads the real label files from the offline directory, verified, and names the image file it lacks', async () => {
    const error = (await loadFashionMnist({ offlineDir: datasets, cacheDir, mirrors: [] }).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/^fashion-mnist\/(train|t10k)-images-idx3-ubyte\.gz: could not get the file: not in the offline directory/);
    expect(error.message).not.toMatch(/labels/);
  });

  it('loadFashionMnistSplit asks only for its split: the real test labels are read, and the missing test images named', async () => {
    const error = (await loadFashionMnistSplit('test', { offlineDir: datasets, cacheDir, mirrors: [] }).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/^fashion-mnist\/t10k-images-idx3-ubyte\.gz: could not get the file: not in the offline directory/);
    await expect(loadFashionMnistSplit('dev' as 'test', { offlineDir: datasets, cacheDir, mirrors: [] })).rejects.toThrow(/loadFashionMnistSplit: .*`split`/);
  });

  it('decodes files in its layout: the 900 real sample images with their labels', async () => {
    const data = await loadIdxDataset(
      {
        ...FASHION_MNIST,
        files: {
          ...FASHION_MNIST_FILES,
          trainImages: { name: 'sprite900-images-idx3-ubyte.gz', md5: '3c8b55f8d36401f81b9a92757efdbaa7' },
          trainLabels: { name: 'sprite900-labels-idx1-ubyte.gz', md5: '5da082d66201022764900384f225a853' },
          testImages: { name: 'sprite900-images-idx3-ubyte.gz', md5: '3c8b55f8d36401f81b9a92757efdbaa7' },
          testLabels: { name: 'sprite900-labels-idx1-ubyte.gz', md5: '5da082d66201022764900384f225a853' },
        },
      },
      { offlineDir: datasets, cacheDir, mirrors: [] },
    );
    expect(data.train).toMatchObject({ count: 900, rows: 28, cols: 28 });
    expect(Array.from({ length: 10 }, (_, c) => data.train.labels.filter((l) => l === c).length)).toEqual(Array(10).fill(90));
    expect(data.train.images.some((v) => v > 200)).toBe(true);
  });

  it('uses the checksums Zalando publishes', () => {
    expect(FASHION_MNIST_FILES.trainImages.md5).toBe('8d4fb7e6c68d591d4c3dfef9ec88bf0d');
    expect(FASHION_MNIST_FILES.testImages.md5).toBe('bef4ecab320f06d8554ea6380940ec79');
    expect(FASHION_MNIST.mirrors[0]).toBe('https://storage.googleapis.com/tensorflow/tf-keras-datasets/');
  });
});
