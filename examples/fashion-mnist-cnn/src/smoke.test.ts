import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSample } from './sample.js';
import { trainFashionModel } from './train.js';

process.env['LAYERWISE_DATASETS_DIR'] ??= resolve(__dirname, '../../../../shared/datasets');

describe('examples/fashion-mnist-cnn on the 900 real sample images', () => {
  beforeAll(() => useBackend('auto'));

  it('splits the sample 720/180, every class 72/18', async () => {
    const { train, test } = await loadSample();
    expect([train.count, test.count]).toEqual([720, 180]);
    for (let c = 0; c < 10; c++) {
      expect(train.labels.filter((l) => l === c)).toHaveLength(72);
      expect(test.labels.filter((l) => l === c)).toHaveLength(18);
    }
  });

  it.each([
    // Measured here (seed 1, 8 epochs): dense 75.0%, conv 81.1%.
    ['dense', 0.65],
    ['conv', 0.7],
  ] as const)('the %s model beats %f test accuracy (chance: 0.1), leaking no tensors', async (model, bar) => {
    const { train, test } = await loadSample();
    const before = tf.memory().numTensors;
    const result = await trainFashionModel({ model, train, test, epochs: 8, batchSize: 32, verbose: 0, summary: false });
    expect(result.testAccuracy).toBeGreaterThan(bar);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);
});
