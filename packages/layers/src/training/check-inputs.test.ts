import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { dense } from '../layers/dense.js';
import { sequential } from '../models/sequential.js';

beforeAll(() => useBackend('cpu'));

function setup() {
  const model = sequential([dense({ units: 1, inputShape: [2] })]);
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return model;
}

describe('checkInputs', () => {
  it('stops fit at the first batch holding NaN or infinity, naming the batch, the tensor and the count, leaking nothing', async () => {
    const model = setup();
    const values = Array.from({ length: 16 }, (_, i) => i);
    values[11] = Number.NaN; // sample 5 (batch 2 with batchSize 4, unshuffled)
    const x = tf.tensor2d(values, [8, 2]);
    const y = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, Number.POSITIVE_INFINITY], [8, 1]);
    const before = tf.memory().numTensors;
    await expect(model.fit(x, y, { batchSize: 4, shuffle: false, verbose: 0, checkInputs: true })).rejects.toThrow(
      /fit: training batch 2 of epoch 1: x holds 1 NaN or infinite value, y holds 1 NaN or infinite value\./,
    );
    expect(tf.memory().numTensors).toBe(before);
    // Without the check, fit trains on (and the loss becomes NaN).
    const history = await model.fit(x, y, { batchSize: 4, shuffle: false, verbose: 0 });
    expect(history.history['loss']![0]).toBeNaN();
    model.dispose();
    tf.dispose([x, y]);
  });

  it('checks validation data in fit, and evaluate on request', async () => {
    const model = setup();
    const x = tf.ones([4, 2]);
    const y = tf.ones([4, 1]);
    const bad = tf.tensor2d([1, 1, 1, Number.NaN, 1, 1, 1, 1], [4, 2]);
    await expect(model.fit(x, y, { verbose: 0, validationData: [bad, y], checkInputs: true })).rejects.toThrow(/validation batch 1: x holds 1 NaN/);
    await expect(model.evaluate(bad, y, { checkInputs: true })).rejects.toThrow(/evaluate: evaluation batch 1: x holds 1 NaN/);
    await expect(model.fit(x, y, { verbose: 0, checkInputs: 'yes' as unknown as boolean })).rejects.toThrow(/checkInputs/);
    model.dispose();
    tf.dispose([x, y, bad]);
  });
});
