import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor4D } from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { flowFromDirectory, type ImageAugment } from '@layerwise/datasets';
import { conv2d, dense, flatten, sequential } from '@layerwise/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageDataGenerator } from './generator/image-data-generator.js';

const HYMENOPTERA = resolve(process.env['LAYERWISE_DATASETS_DIR'] ?? resolve(__dirname, '../../../../shared/datasets'), 'hymenoptera');

beforeAll(async () => {
  await useBackend('cpu');
});

const close = (a: number[], b: number[], digits = 4) => a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, digits));

describe('standardisation', () => {
  it('a generator without augmentation options only rescales (the validation generator)', () => {
    const gen = imageDataGenerator({ rescale: 1 / 255 });
    expect(gen.augments).toBe(false);
    const x = tf.tensor4d([0, 51, 255, 102], [1, 2, 2, 1]);
    const out = gen.augment(x, 5);
    close(Array.from(out.dataSync()), [0, 0.2, 1, 0.4]);
    tf.dispose([x, out]);
  });

  it('featurewise statistics from fit (after rescale), samplewise per image', () => {
    // Two images, two channels: channel 0 holds 0, 2, 4, 6, ..., channel 1 is constant 10.
    const values = Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? i : 10));
    const x = tf.tensor4d(values, [2, 2, 2, 2]);
    const gen = imageDataGenerator({ featurewiseCenter: true, featurewiseStdNormalization: true, rescale: 0.5 });
    gen.fit(x);
    const mean0 = (values.filter((_, i) => i % 2 === 0).reduce((s, v) => s + v, 0) / 8) * 0.5;
    close([...gen.featurewise!.mean], [mean0, 5]);
    const std0 = Math.sqrt(values.filter((_, i) => i % 2 === 0).reduce((s, v) => s + (v * 0.5 - mean0) ** 2, 0) / 8);
    close([...gen.featurewise!.std], [std0, 0]);
    const out = gen.standardize(x);
    close(Array.from(out.dataSync()).slice(0, 2), [(0 - mean0) / (std0 + 1e-6), 0]);
    const sample = imageDataGenerator({ samplewiseStdNormalization: true });
    expect(sample.options.samplewiseCenter).toBe(true);
    const s = sample.standardize(x);
    const { mean, variance } = tf.moments(tf.slice(s, [0], [1]));
    expect(mean.dataSync()[0]).toBeCloseTo(0, 5);
    expect(Math.sqrt(variance.dataSync()[0]!)).toBeCloseTo(1, 4);
    tf.dispose([x, out, s, mean, variance]);
  });
});

describe('flow', () => {
  it('yields batches fit trains on, leaking no tensors', async () => {
    const x = tf.tidy(() => tf.mul(tf.randomUniform([20, 8, 8, 1], 0, 1, 'float32', 1), 255) as Tensor4D);
    const y = tf.tidy(() => tf.cast(tf.greater(tf.mean(x, [1, 2, 3]), 127), 'float32'));
    const gen = imageDataGenerator({ rescale: 1 / 255, rotationRange: 20, widthShiftRange: 0.1, horizontalFlip: true, seed: 1 });
    const flow = gen.flow(x, y, { batchSize: 8 });
    expect([flow.samples, flow.steps, flow.batchSize]).toEqual([20, 3, 8]);
    const model = sequential([conv2d({ filters: 2, kernelSize: 3, inputShape: [8, 8, 1] }), flatten(), dense({ units: 1, activation: 'sigmoid' })]);
    model.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' }); // no optimizer state to count
    const before = tf.memory().numTensors;
    const history = await model.fit(flow, { epochs: 2, verbose: 0 });
    expect(history.history['loss']).toHaveLength(2);
    expect(tf.memory().numTensors).toBe(before);
    const sizes = [...flow].map((b) => {
      const size = b.x.shape[0];
      tf.dispose([b.x, b.y!]);
      return size;
    });
    expect(sizes).toEqual([8, 8, 4]);
    model.dispose();
    tf.dispose([x, y]);
  });

  it("is flowFromDirectory's augmentation (hymenoptera), leaking no tensors", async () => {
    const augment: ImageAugment = imageDataGenerator({ rescale: 1 / 255, rotationRange: 40, zoomRange: 0.2, horizontalFlip: true });
    const flow = await flowFromDirectory(resolve(HYMENOPTERA, 'val'), { targetSize: [32, 32], batchSize: 4, classMode: 'binary', augment, seed: 1 });
    const before = tf.memory().numTensors;
    for await (const batch of flow) {
      expect(batch.x.shape).toEqual([4, 32, 32, 3]);
      const max = tf.tidy(() => tf.max(batch.x).dataSync()[0]!);
      expect(max).toBeLessThanOrEqual(1);
      expect(max).toBeGreaterThan(0.2);
      tf.dispose([batch.x, batch.y!]);
      break;
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
