import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { fromTensors } from '@layerwise/datasets';
import { conv2d, dense, flatten, Layer, Sequential, sequential } from '@layerwise/layers';
import { runLayerTest } from '@layerwise/layers/test';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  centerCrop, normalization, randomBrightness, randomContrast, randomCrop, randomFlip, randomRotation, randomShear, randomTranslation,
  randomZoom, registerPreprocessingLayers, rescaling, resizing,
} from './index.js';

beforeAll(async () => {
  await useBackend('cpu');
});

const SHAPE = [2, 8, 8, 3];
const pixels = (shape: number[]) => tf.tidy(() => tf.mul(tf.randomUniform(shape, 0, 1, 'float32', 3), 255));

const RANDOM: [string, () => Layer][] = [
  ['RandomFlip', () => randomFlip({ seed: 1 })],
  ['RandomRotation', () => randomRotation({ factor: 0.2, seed: 1 })],
  ['RandomZoom', () => randomZoom({ heightFactor: 0.3, widthFactor: [-0.2, 0.1], seed: 1 })],
  ['RandomTranslation', () => randomTranslation({ heightFactor: 0.2, widthFactor: 0.2, seed: 1 })],
  ['RandomShear', () => randomShear({ xFactor: 0.3, yFactor: 0.2, seed: 1 })],
  ['RandomContrast', () => randomContrast({ factor: 0.5, seed: 1 })],
  ['RandomBrightness', () => randomBrightness({ factor: 0.3, seed: 1 })],
];

describe('conformance (@layerwise/layers/test)', () => {
  it.each<[string, () => Layer, number[]]>([
    ['Rescaling', () => rescaling({ scale: 1 / 255, offset: -1 }), SHAPE],
    ['Resizing', () => resizing({ height: 5, width: 4, cropToAspectRatio: true }), [2, 5, 4, 3]],
    ['CenterCrop', () => centerCrop({ height: 4, width: 6 }), [2, 4, 6, 3]],
    ['RandomCrop', () => randomCrop({ height: 4, width: 4, seed: 1 }), [2, 4, 4, 3]],
    ...RANDOM.map(([name, make]): [string, () => Layer, number[]] => [name, make, SHAPE]),
  ])('%s', (_, create, expectedOutputShape) => {
    runLayerTest({ create, inputShape: SHAPE, expectedOutputShape, expectedWeights: { trainable: 0, nonTrainable: 0 } });
  });

  it('Normalization (two non-trainable weights once built)', () => {
    runLayerTest({ create: () => normalization(), inputShape: SHAPE, expectedOutputShape: SHAPE, expectedWeights: { trainable: 0, nonTrainable: 2 }, expectedParams: 6 });
  });
});

describe('random layers: active in training, the identity at inference', () => {
  it.each(RANDOM)('%s', (_, create) => {
    const x = pixels(SHAPE);
    const layer = create();
    const before = tf.memory().numTensors;
    const [inference, training] = [layer.apply(x, { training: false }), layer.apply(x, { training: true })];
    const equal = (a: Tensor, b: Tensor) => tf.tidy(() => tf.all(tf.equal(a, b)).dataSync()[0] === 1);
    expect(equal(inference, x)).toBe(true);
    expect(equal(training, x)).toBe(false);
    // One image (rank 3), as Dataset.map gives it before batching, to a fresh layer.
    const single = create();
    const image = tf.tidy(() => tf.squeeze(tf.slice(x, [0], [1]), [0]));
    const one = single.apply(image, { training: true });
    expect(one.shape).toEqual(SHAPE.slice(1));
    tf.dispose([inference, training, one, image]);
    expect(tf.memory().numTensors).toBe(before + 0);
    layer.dispose();
    single.dispose();
    x.dispose();
  });
});

describe('deterministic layers', () => {
  it('Rescaling, CenterCrop and Resizing compute what Keras does', () => {
    const x = tf.tensor4d(Array.from({ length: 16 }, (_, i) => i), [1, 4, 4, 1]);
    const scaled = rescaling({ scale: 0.5, offset: 1 }).apply(x);
    expect(Array.from(scaled.dataSync()).slice(0, 3)).toEqual([1, 1.5, 2]);
    const cropped = centerCrop({ height: 2, width: 2 }).apply(x);
    expect(Array.from(cropped.dataSync())).toEqual([5, 6, 9, 10]);
    // Half-pixel centres: halving a 4x4 image averages 2x2 blocks.
    const half = resizing({ height: 2, width: 2 }).apply(x);
    expect(Array.from(half.dataSync())).toEqual([2.5, 4.5, 10.5, 12.5]);
    tf.dispose([x, scaled, cropped, half]);
  });

  it('RandomCrop cuts whole-pixel windows of the image', () => {
    const x = tf.tensor4d(Array.from({ length: 36 }, (_, i) => i), [1, 6, 6, 1]);
    const windows = tf.tile(x, [8, 1, 1, 1]);
    const out = randomCrop({ height: 3, width: 3, seed: 4 }).apply(windows, { training: true });
    const data = out.arraySync() as number[][][][];
    for (const image of data) {
      const top = image[0]![0]![0]!;
      // A window: each value is its top-left plus 6 per row and 1 per column.
      image.forEach((row, r) => row.forEach((v, c) => expect(v[0]).toBe(top + 6 * r + c)));
    }
    expect(new Set(data.map((image) => image[0]![0]![0])).size).toBeGreaterThan(1);
    tf.dispose([x, windows, out]);
  });

  it('Normalization.adapt over a tensor or batches gives zero mean and unit variance per channel', async () => {
    const x = tf.tidy(() => tf.add(tf.mul(tf.randomNormal([40, 4, 4, 3], 0, 1, 'float32', 2), tf.tensor1d([1, 5, 20])), tf.tensor1d([0, 100, -7])));
    const whole = normalization();
    await whole.adapt(x);
    const batches = normalization();
    await batches.adapt(fromTensors({ x }).batch(7));
    const before = tf.memory().numTensors;
    for (const layer of [whole, batches]) {
      const out = layer.apply(x);
      const { mean, variance } = tf.moments(out, [0, 1, 2]);
      Array.from(mean.dataSync()).forEach((m) => expect(m).toBeCloseTo(0, 4));
      Array.from(variance.dataSync()).forEach((v) => expect(v).toBeCloseTo(1, 3));
      tf.dispose([out, mean, variance]);
    }
    expect(tf.memory().numTensors).toBe(before);
    const fixed = normalization({ mean: [1, 2, 3], variance: [4, 4, 4], invert: true });
    const back = fixed.apply(tf.zeros([1, 1, 1, 3]));
    expect(Array.from(back.dataSync())).toEqual([1, 2, 3]);
    tf.dispose([x, back]);
    whole.dispose();
    batches.dispose();
  });
});

describe('inside a model and a dataset pipeline', () => {
  it('a model with augmentation layers trains without leaking, predicts deterministically and round-trips its config', async () => {
    registerPreprocessingLayers();
    const model = sequential([
      randomFlip({ mode: 'horizontal', inputShape: [8, 8, 3], seed: 1 }),
      randomRotation({ factor: 0.1, seed: 2 }),
      randomZoom({ heightFactor: 0.1, seed: 3 }),
      rescaling({ scale: 1 / 255 }),
      conv2d({ filters: 2, kernelSize: 3, activation: 'relu' }),
      flatten(),
      dense({ units: 1, activation: 'sigmoid' }),
    ]);
    model.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
    const x = pixels([12, 8, 8, 3]);
    const y = tf.tidy(() => tf.cast(tf.greater(tf.mean(x, [1, 2, 3]), 127), 'float32'));
    const before = tf.memory().numTensors;
    await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 });
    const [p1, p2] = [await model.predict(x), await model.predict(x)];
    expect(tf.tidy(() => tf.all(tf.equal(p1 as Tensor, p2 as Tensor)).dataSync()[0])).toBe(1);
    tf.dispose([p1, p2]);
    expect(tf.memory().numTensors).toBe(before);
    const copy = Sequential.fromConfig(JSON.parse(JSON.stringify(model.getConfig())));
    expect(copy.layers.map((l) => l.className)).toEqual(model.layers.map((l) => l.className));
    expect(copy.getConfig()['layers']).toEqual(model.getConfig()['layers']);
    copy.dispose();
    model.dispose();
    tf.dispose([x, y]);
  });

  it('Dataset.map applies the layers batch by batch, leaking nothing', async () => {
    const x = pixels([10, 8, 8, 3]);
    const y = tf.zeros([10]);
    const augment = sequential([randomFlip({ seed: 1, inputShape: [8, 8, 3] }), randomTranslation({ heightFactor: 0.2, widthFactor: 0.2, seed: 2 })]);
    const before = tf.memory().numTensors;
    const ds = fromTensors({ x, y }).batch(4).map(({ x: images, y: labels }) => ({ x: augment.apply(images as Tensor4D, { training: true }), y: labels }));
    const shapes: number[][] = [];
    for await (const batch of ds) {
      shapes.push(batch.x.shape);
      tf.dispose([batch.x, batch.y]);
    }
    expect(shapes).toEqual([[4, 8, 8, 3], [4, 8, 8, 3], [2, 8, 8, 3]]);
    expect(tf.memory().numTensors).toBe(before);
    augment.dispose();
    tf.dispose([x, y]);
  });
});
