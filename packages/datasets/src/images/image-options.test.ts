import { copyFile, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { Batch } from '@layerwise/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { INTERPOLATIONS } from './decode-image.js';
import { imageDatasetFromDirectory, type ImageDatasetOptions } from './image-dataset-from-directory.js';
import { HYMENOPTERA, testFolder } from '../testing/shared-data.js';
import { writeImage } from '../testing/test-images.js';

const photo = join(HYMENOPTERA, 'train/ants/0013035.jpg');
const RED = (): [number, number, number] => [255, 0, 0];
let root: string;
let dir: string;

beforeAll(async () => {
  root = await testFolder('lw-image-options-');
  dir = join(root, 'folders');
  await writeImage(join(dir, 'classA', 'img1.PNG'), 8, 4, RED);
  await mkdir(join(dir, 'classA', 'nested'), { recursive: true });
  await copyFile(photo, join(dir, 'classA', 'nested', 'img2 with space.Jpeg'));
  await writeImage(join(dir, 'classB', 'img3.bmp'), 8, 4, (x) => (x < 4 ? [255, 255, 255] : [0, 0, 0]));
  await writeImage(join(dir, 'classB', 'img4.GIF'), 8, 4, () => [0, 0, 255]);
  await writeFile(join(dir, 'classB', 'readme.txt'), 'not an image');
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function read(options: ImageDatasetOptions, folder = dir) {
  const before = tf.memory().numTensors;
  const ds = await imageDatasetFromDirectory(folder, { shuffle: false, verbose: false, imageSize: [4, 8], ...options });
  const batches: { x: number[][][][]; y?: number[] | number[][]; yShape?: number[]; yDtype?: string; xShape: number[] }[] = [];
  for await (const batch of ds as AsyncIterable<Batch>) {
    batches.push({
      x: (await batch.x.array()) as number[][][][],
      xShape: batch.x.shape,
      ...(batch.y && { y: (await batch.y.array()) as number[], yShape: batch.y.shape, yDtype: batch.y.dtype }),
    });
    tf.dispose([batch.x, batch.y!].filter(Boolean));
  }
  expect(tf.memory().numTensors).toBe(before);
  return { ds, batches };
}

describe('imageDatasetFromDirectory: Keras 3 options on generated folders', () => {
  it('infers labels from sub-folders, finds bmp/gif/jpeg/png in any case at any depth, int labels', async () => {
    const { ds, batches } = await read({});
    expect(ds.classNames).toEqual(['classA', 'classB']);
    expect(ds.filePaths.map((p) => p.slice(dir.length + 1))).toEqual(['classA/img1.PNG', 'classA/nested/img2 with space.Jpeg', 'classB/img3.bmp', 'classB/img4.GIF']);
    expect(batches[0]!.xShape).toEqual([4, 4, 8, 3]);
    expect(batches[0]!.y).toEqual([0, 0, 1, 1]);
    expect(batches[0]!.yDtype).toBe('int32');
    expect(batches[0]!.x[0]![1]![1]).toEqual([255, 0, 0]);
    expect(batches[0]!.x[3]![1]![1]).toEqual([0, 0, 255]);
  });

  it('labelMode categorical, binary and null; labels null or given as a list', async () => {
    expect((await read({ labelMode: 'categorical' })).batches[0]).toMatchObject({ y: [[1, 0], [1, 0], [0, 1], [0, 1]], yDtype: 'float32' });
    expect((await read({ labelMode: 'binary' })).batches[0]).toMatchObject({ y: [[0], [0], [1], [1]], yShape: [4, 1], yDtype: 'float32' });
    expect((await read({ labelMode: null })).batches[0]!.y).toBeUndefined();
    const unlabelled = await read({ labels: null });
    expect(unlabelled.batches[0]!.y).toBeUndefined();
    expect(unlabelled.ds.classNames).toEqual([]);
    const given = await read({ labels: [2, 0, 1, 0] });
    expect(given.batches[0]!.y).toEqual([2, 0, 1, 0]);
    expect(given.ds.classNames).toEqual(['0', '1', '2']);
  });

  it('classNames picks and orders the classes; batchSize null yields single images', async () => {
    const { ds, batches } = await read({ classNames: ['classB', 'classA'], batchSize: null });
    expect(ds.classNames).toEqual(['classB', 'classA']);
    expect(batches.map((b) => b.y)).toEqual([0, 0, 1, 1]);
    expect(batches[0]!.xShape).toEqual([4, 8, 3]);
    expect((await read({ classNames: ['classB'], batchSize: 3 })).batches.map((b) => b.xShape[0])).toEqual([2]);
  });

  it('colorMode grayscale, rgb and rgba', async () => {
    expect((await read({ colorMode: 'grayscale', classNames: ['classB'] })).batches[0]!.xShape).toEqual([2, 4, 8, 1]);
    const rgba = await read({ colorMode: 'rgba', classNames: ['classB'] });
    expect(rgba.batches[0]!.x[1]![0]![0]).toEqual([0, 0, 255, 255]);
  });

  it.each(INTERPOLATIONS)('interpolation %s resizes every image to imageSize', async (interpolation) => {
    const { batches } = await read({ interpolation, imageSize: [3, 5] });
    expect(batches[0]!.xShape).toEqual([4, 3, 5, 3]);
    expect(batches[0]!.x[0]![2]![4]!.map(Math.round)).toEqual([255, 0, 0]);
  });

  it('cropToAspectRatio takes the centre; padToAspectRatio pads with black (area interpolation, exact values)', async () => {
    // img3.bmp is 8x4, white on its left half: its centre square is columns 2..5, half white.
    const cropped = await read({ classNames: ['classB'], imageSize: [2, 2], interpolation: 'area', cropToAspectRatio: true, colorMode: 'grayscale' });
    expect(cropped.batches[0]!.x[0]!.map((row) => row.map((p) => Math.round(p[0]!)))).toEqual([[255, 0], [255, 0]]);
    const padded = await read({ classNames: ['classB'], imageSize: [2, 2], interpolation: 'area', padToAspectRatio: true, colorMode: 'grayscale' });
    expect(padded.batches[0]!.x[0]!.map((row) => row.map((p) => Math.round(p[0]!)))).toEqual([[128, 0], [128, 0]]);
    const stretched = await read({ classNames: ['classB'], imageSize: [2, 2], interpolation: 'area', colorMode: 'grayscale' });
    expect(stretched.batches[0]!.x[0]!.map((row) => row.map((p) => Math.round(p[0]!)))).toEqual([[255, 0], [255, 0]]);
  });

  it('follows symbolic links to folders only with followLinks', async () => {
    const linked = join(root, 'linked');
    await writeImage(join(root, 'elsewhere', 'x.png'), 4, 4, RED);
    await writeImage(join(linked, 'real', 'y.png'), 4, 4, RED);
    await symlink(join(root, 'elsewhere'), join(linked, 'link'));
    expect((await imageDatasetFromDirectory(linked, { verbose: false })).classNames).toEqual(['real']);
    expect((await imageDatasetFromDirectory(linked, { verbose: false, followLinks: true })).classNames).toEqual(['link', 'real']);
  });

  it('a truncated image is an error naming it, or skipped and counted with onError skip', async () => {
    const broken = join(root, 'broken');
    await writeImage(join(broken, 'a', 'ok.png'), 4, 4, RED);
    const bytes = await readFile(photo);
    await writeFile(join(broken, 'a', 'truncated.jpg'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(read({}, broken)).rejects.toThrow(/^imageDatasetFromDirectory: cannot decode '.*truncated\.jpg'/);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const skipped = await read({ onError: 'skip' }, broken);
    expect(skipped.batches.map((b) => b.xShape[0])).toEqual([1]);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^imageDatasetFromDirectory: skipped 1 unreadable image\(s\): .*truncated\.jpg$/));
    warn.mockRestore();
  });

  it('prints what it found, as Keras does', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await imageDatasetFromDirectory(dir, { validationSplit: 0.25, subset: 'both', seed: 3 });
    expect(log.mock.calls.map((c) => c[0])).toEqual(['Found 4 files belonging to 2 classes.', 'Using 3 files for training.', 'Using 1 files for validation.']);
    log.mockRestore();
  });

  it.each([
    [{ labelMode: 'sparse' }, /`labelMode`.*Received: labelMode='sparse'/],
    [{ colour: 'rgb' }, /unknown option `colour`/],
    [{ subset: 'training' }, /subset 'training' needs validationSplit/],
    [{ validationSplit: 0.2, seed: 1 }, /`subset`.*Received: subset=undefined/],
    [{ imageSize: [4] }, /`imageSize`, expected two positive integers/],
    [{ labels: [0, -1, 0, 0] }, /`labels`/],
    [{ labels: [0, 1, 0, 1], classNames: ['classA'] }, /classNames can only be given with labels 'inferred'/],
    [{ labels: [0, 1, 2, 0], labelMode: 'binary' }, /labelMode 'binary' needs exactly 2 classes, found 3/],
    [{ cropToAspectRatio: true, padToAspectRatio: true }, /cannot both be true/],
    [{ seed: 1.5 }, /`seed`, expected an integer/],
  ])('rejects %j naming the option', async (options, message) => {
    await expect(imageDatasetFromDirectory(dir, { verbose: false, ...(options as ImageDatasetOptions) })).rejects.toThrow(message);
  });
});
