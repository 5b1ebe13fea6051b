import * as tf from '@tensorflow/tfjs-core';
import * as tfd from '@tensorflow/tfjs-data';
import { useBackend } from '@layerwise/core';
import { beforeAll, expect, it } from 'vitest';
import { dense } from '../layers/dense.js';
import { sequential } from '../models/sequential.js';

beforeAll(() => useBackend('cpu'));

it('fits and evaluates on a tfjs-data Dataset of { xs, ys } batches, epoch after epoch, leaking nothing', async () => {
  const model = sequential([dense({ units: 1, inputShape: [2] })]);
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  const xs = tf.randomNormal([40, 2], 0, 1, 'float32', 1);
  const ys = tf.sum(xs, 1, true);
  const dataset = tfd.zip({ xs: tfd.array(tf.unstack(xs)), ys: tfd.array(tf.unstack(ys)) }).batch(8);
  const before = tf.memory().numTensors;
  const history = await model.fit(dataset, { epochs: 3, verbose: 0 });
  expect(history.history['loss']).toHaveLength(3);
  expect(history.history['loss']![2]).toBeLessThan(history.history['loss']![0]!);
  const logs = await model.evaluate(dataset);
  expect(Number.isFinite(logs['loss'])).toBe(true);
  expect(tf.memory().numTensors).toBe(before);
  model.dispose();
  tf.dispose([xs, ys]);
});
