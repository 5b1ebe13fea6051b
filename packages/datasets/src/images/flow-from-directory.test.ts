import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor4D } from '@tensorflow/tfjs-core';
import type { Batch } from '@layerwise/core';
import { dense, flatten, sequential } from '@layerwise/layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageAugment } from './augment.js';
import { flowFromDirectory, type FlowFromDirectoryOptions } from './flow-from-directory.js';
import { HYMENOPTERA as hymenoptera, testFolder } from '../testing/shared-data.js';
import { writeImage } from '../testing/test-images.js';

let root: string;
let dir: string;

beforeAll(async () => {
  root = await testFolder('lw-flow-');
  dir = join(root, 'folders');
  // Two classes, two images each; the left half of each image is brighter than the right.
  for (const [cls, level] of [['cats', 100], ['dogs', 200]] as const) {
    for (const n of [1, 2]) await writeImage(join(dir, cls, `${cls}.${n}.png`), 4, 4, (x) => (x < 2 ? [level + n, 0, 0] : [n, 0, 0]));
  }
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function epoch(options: FlowFromDirectoryOptions, folder = dir): Promise<{ x: number[][][][]; y?: unknown; yShape?: number[]; yDtype?: string }[]> {
  const before = tf.memory().numTensors;
  const flow = await flowFromDirectory(folder, { targetSize: [4, 4], shuffle: false, ...options });
  const out = [];
  for await (const batch of flow as AsyncIterable<Batch>) {
    out.push({ x: (await batch.x.array()) as number[][][][], ...(batch.y && { y: await batch.y.array(), yShape: batch.y.shape, yDtype: batch.y.dtype }) });
    tf.dispose([batch.x, batch.y!].filter(Boolean));
  }
  expect(tf.memory().numTensors).toBe(before);
  return out;
}

describe('flowFromDirectory', () => {
  it('reads hymenoptera with classIndices, samples, steps and binary labels', async () => {
    const flow = await flowFromDirectory(join(hymenoptera, 'train'), { targetSize: [24, 24], batchSize: 32, classMode: 'binary', seed: 3 });
    expect(flow.classIndices).toEqual({ ants: 0, bees: 1 });
    expect([flow.samples, flow.steps, flow.size, flow.numClasses]).toEqual([245, 8, 8, 2]);
    expect(flow.filenames[0]).toBe('ants/0013035.jpg');
    expect(flow.classes.filter((c) => c === 1)).toHaveLength(121);
    const before = tf.memory().numTensors;
    let images = 0;
    let ones = 0;
    for await (const { x, y } of flow) {
      expect(x.shape.slice(1)).toEqual([24, 24, 3]);
      expect(y!.shape).toEqual([x.shape[0]]);
      images += x.shape[0]!;
      ones += Array.from(await y!.data()).reduce((a, b) => a + b, 0);
      tf.dispose([x, y!]);
    }
    expect([images, ones]).toEqual([245, 121]);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('classMode categorical (default), sparse, input and null', async () => {
    expect((await epoch({}))[0]).toMatchObject({ y: [[1, 0], [1, 0], [0, 1], [0, 1]], yDtype: 'float32' });
    expect((await epoch({ classMode: 'sparse' }))[0]).toMatchObject({ y: [0, 0, 1, 1], yShape: [4], yDtype: 'float32' });
    const input = (await epoch({ classMode: 'input', batchSize: 3 }))[1]!;
    expect(input.y).toEqual(input.x);
    expect((await epoch({ classMode: null }))[0]!.y).toBeUndefined();
  });

  it('rescale, classes and Keras 2 validation split (the first files of each class)', async () => {
    const scaled = await epoch({ rescale: 1 / 255, classes: ['dogs'], classMode: 'sparse' });
    expect(scaled[0]!.x[0]![0]![0]![0]).toBeCloseTo(201 / 255, 5);
    expect(scaled[0]!.y).toEqual([0, 0]);
    const validation = await flowFromDirectory(dir, { validationSplit: 0.5, subset: 'validation' });
    const training = await flowFromDirectory(dir, { validationSplit: 0.5, subset: 'training' });
    expect(validation.filenames).toEqual(['cats/cats.1.png', 'dogs/dogs.1.png']);
    expect(training.filenames).toEqual(['cats/cats.2.png', 'dogs/dogs.2.png']);
  });

  it('augments every batch with a function or an object, with per-batch seeds reproducible from the flow seed', async () => {
    const seen: number[] = [];
    const flip: ImageAugment = (images, seed) => {
      seen.push(seed);
      return tf.reverse(images, 2) as Tensor4D;
    };
    const plain = await epoch({ batchSize: 2, classMode: null });
    const flipped = await epoch({ batchSize: 2, classMode: null, augment: flip, seed: 5 });
    expect(flipped[0]!.x[0]![0]![0]![0]).toBe(plain[0]!.x[0]![0]![3]![0]);
    expect(flipped[0]!.x[0]![0]![3]![0]).toBe(plain[0]!.x[0]![0]![0]![0]);
    const again: number[] = [];
    await epoch({ batchSize: 2, classMode: null, seed: 5, augment: { augment: (images, seed) => (again.push(seed), tf.clone(images)) } });
    expect(seen).toHaveLength(2);
    expect(new Set(seen).size).toBe(2);
    expect(again).toEqual(seen);
    // Returning the input itself is allowed (the flow then keeps it).
    expect(await epoch({ classMode: null, augment: (images) => images })).toHaveLength(1);
  });

  it('rejects an augmentation that returns a wrong batch, leaking nothing', async () => {
    const before = tf.memory().numTensors;
    const flow = await flowFromDirectory(dir, { targetSize: [4, 4], augment: (images) => tf.slice(images, 0, 1) as Tensor4D });
    await expect(flow.toArray()).rejects.toThrow(/flowFromDirectory: `augment` must return a batch of the same size and channels, \(4, height, width, 3\); got a tensor of shape \(1, 4, 4, 3\)/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('yields batches fit accepts', async () => {
    const flow = await flowFromDirectory(dir, { targetSize: [4, 4], batchSize: 2, classMode: 'categorical', rescale: 1 / 255, seed: 1 });
    const model = sequential([flatten({ inputShape: [4, 4, 3] }), dense({ units: 2, activation: 'softmax' })]);
    model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    await model.fit(flow, { epochs: 1, verbose: 0 });
    const before = tf.memory().numTensors;
    const history = await model.fit(flow, { epochs: 2, verbose: 0 });
    expect(history.history['loss']).toHaveLength(2);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it.each([
    [{ classMode: 'other' }, /`classMode`.*Received: classMode='other'/],
    [{ targetSize: [0, 4] }, /`targetSize`, expected two positive integers/],
    [{ augment: 3 }, /`augment`, expected a function/],
    [{ subset: 'validation' }, /subset 'validation' needs validationSplit/],
    [{ validationSplit: 0.5, subset: 'both' }, /`subset`.*Received: subset='both'/],
    [{ classes: ['cats', 'birds'] }, /classNames names 'birds', which is not a sub-folder/],
    [{ classMode: 'binary', classes: ['cats'] }, /classMode 'binary' needs exactly 2 classes, found 1/],
    [{ target_size: [4, 4] }, /unknown option `target_size`/],
  ])('rejects %j naming the option', async (options, message) => {
    await expect(flowFromDirectory(dir, options as FlowFromDirectoryOptions)).rejects.toThrow(message);
  });
});
