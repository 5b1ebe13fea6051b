import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { LayerwiseError } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeSplit } from './decode.js';

const datasets = process.env['LAYERWISE_DATASETS_DIR'] ?? resolve(__dirname, '../../../../../shared/datasets');
const IMAGES = 't10k-images-idx3-ubyte.gz';
const LABELS = 't10k-labels-idx1-ubyte.gz';

let images: Uint8Array;
let labels: Uint8Array;

beforeAll(async () => {
  images = new Uint8Array(await readFile(resolve(datasets, 'mnist', IMAGES)));
  labels = new Uint8Array(await readFile(resolve(datasets, 'mnist', LABELS)));
});

async function decodeFailure(imageBytes: Uint8Array, labelBytes: Uint8Array = labels): Promise<string> {
  const error = await decodeSplit({ images: imageBytes, labels: labelBytes, imagesSource: IMAGES, labelsSource: LABELS }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LayerwiseError);
  return (error as LayerwiseError).message;
}

/** The test images' IDX bytes, changed by `edit`, gzipped again. */
function regzipped(edit: (idx: Buffer) => Buffer): Uint8Array {
  return new Uint8Array(gzipSync(edit(gunzipSync(images))));
}

describe('decodeSplit on the MNIST test files', () => {
  it('decodes 10,000 images of 28x28 and their labels', async () => {
    const split = await decodeSplit({ images, labels, imagesSource: IMAGES, labelsSource: LABELS });
    expect([split.count, split.rows, split.cols]).toEqual([10_000, 28, 28]);
    expect(split.images.length).toBe(10_000 * 28 * 28);
    expect(Array.from(split.labels.subarray(0, 10))).toEqual([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
  });

  it('names the file of a truncated gzip', async () => {
    expect(await decodeFailure(images.subarray(0, 5000))).toMatch(/^t10k-images-idx3-ubyte\.gz: truncated gzip data \(5000 bytes\)/);
    expect(await decodeFailure(images, labels.subarray(0, 100))).toMatch(/^t10k-labels-idx1-ubyte\.gz: truncated gzip data/);
  });

  it('names the file of a corrupt gzip', async () => {
    const corrupt = Uint8Array.from(images);
    for (let i = 1000; i < 1100; i++) corrupt[i] = 255 - corrupt[i]!;
    expect(await decodeFailure(corrupt)).toMatch(/^t10k-images-idx3-ubyte\.gz: corrupt gzip data/);
  });

  it('names the file of a truncated IDX, with the expected and actual sizes', async () => {
    expect(await decodeFailure(regzipped((idx) => idx.subarray(0, 1000)))).toBe(
      't10k-images-idx3-ubyte.gz: truncated IDX data: expected 7840016 bytes (16-byte header + 10000x28x28 uint8 values), got 1000',
    );
  });

  it('names the file of a wrong magic number', async () => {
    const message = await decodeFailure(regzipped((idx) => Buffer.concat([Buffer.of(0, 0, 0x99, 3), idx.subarray(4)])));
    expect(message).toMatch(/^t10k-images-idx3-ubyte\.gz: not an IDX file: bad magic number 0x00 0x00 0x99 0x03/);
  });

  it('rejects a labels file given as images (rank 1, not 3)', async () => {
    expect(await decodeFailure(labels)).toBe('t10k-images-idx3-ubyte.gz: expected an IDX array of rank 3, got rank 1');
  });

  it('rejects as many labels as images mismatching', async () => {
    const fewer = regzipped((idx) => {
      const cut = Buffer.from(idx.subarray(0, 16 + 9_999 * 784));
      cut.writeUInt32BE(9_999, 4);
      return cut;
    });
    expect(await decodeFailure(fewer)).toBe('t10k-labels-idx1-ubyte.gz: holds 10000 labels but t10k-images-idx3-ubyte.gz holds 9999 images');
  });

  it('rejects a label that is not a class index', async () => {
    const raw = gunzipSync(labels);
    raw[8 + 42] = 10;
    expect(await decodeFailure(images, new Uint8Array(gzipSync(raw)))).toBe(
      't10k-labels-idx1-ubyte.gz: label 10 at index 42 is not a class index (0..9)',
    );
  });
});
