import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { F1Score } from '@layerwise/metrics';
import { beforeAll, expect, it } from 'vitest';
import { dense } from '../layers/dense.js';
import { sequential } from '../models/sequential.js';

beforeAll(() => useBackend('cpu'));

it('logs a per-class metric (F1 with average none) as one number per class, in History, evaluate and validation', async () => {
  const model = sequential([dense({ units: 3, activation: 'softmax', inputShape: [4] })]);
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: [new F1Score({ name: 'f1' })] });
  const x = tf.randomNormal([30, 4], 0, 1, 'float32', 1);
  const y = tf.oneHot(tf.tensor1d([...Array(30).keys()].map((i) => i % 3), 'int32'), 3);
  const history = await model.fit(x, y, { epochs: 2, batchSize: 10, verbose: 0, validationData: [x, y] });
  for (const key of ['f1_0', 'f1_1', 'f1_2', 'val_f1_0', 'val_f1_1', 'val_f1_2']) {
    expect(history.history[key], key).toHaveLength(2);
    expect(history.history[key]!.every((v) => v >= 0 && v <= 1)).toBe(true);
  }
  expect(history.history['f1']).toBeUndefined();
  const logs = await model.evaluate(x, y);
  expect(Object.keys(logs).sort()).toEqual(['f1_0', 'f1_1', 'f1_2', 'loss']);
  const macro = sequential([dense({ units: 3, activation: 'softmax', inputShape: [4] })]);
  macro.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: [new F1Score({ name: 'f1', average: 'macro' })] });
  expect(Object.keys(await macro.evaluate(x, y)).sort()).toEqual(['f1', 'loss']);
  [model, macro].forEach((m) => m.dispose());
  tf.dispose([x, y]);
});
