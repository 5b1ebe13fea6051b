import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, expect, it } from 'vitest';
import { dense } from '../layers/dense.js';
import { sequential } from '../models/sequential.js';
import { isNumericArray } from './arrays.js';

beforeAll(() => useBackend('cpu'));

it('fits, evaluates and predicts on plain nested number arrays, as Keras on NumPy arrays, leaking nothing', async () => {
  const model = sequential([dense({ units: 1, inputShape: [2] })]);
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  const x = [[0, 1], [1, 0], [1, 1], [0, 0]];
  const y = [[1], [1], [2], [0]];
  await model.fit(x, y, { epochs: 1, verbose: 0 });
  const before = tf.memory().numTensors;
  const history = await model.fit(x, y, { epochs: 30, batchSize: 4, verbose: 0 });
  expect(history.history['loss']!.at(-1)!).toBeLessThan(history.history['loss']![0]!);
  expect(Object.keys(await model.evaluate(x, y))).toEqual(['loss']);
  const predictions = await model.predict(x);
  expect(predictions.shape).toEqual([4, 1]);
  predictions.dispose();
  expect(tf.memory().numTensors).toBe(before);
  await expect(model.fit([[0, 1], [1]], y, { verbose: 0 })).rejects.toThrow();
  model.dispose();
});

it('tells numeric arrays from lists of tensors', () => {
  expect(isNumericArray([1, 2])).toBe(true);
  expect(isNumericArray([[1], [2]])).toBe(true);
  expect(isNumericArray([])).toBe(false);
  const t = tf.scalar(1);
  expect(isNumericArray([t])).toBe(false);
  t.dispose();
});
