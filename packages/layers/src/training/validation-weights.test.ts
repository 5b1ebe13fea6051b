import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { sgd } from '@layerwise/optimizers';
import { beforeAll, expect, it } from 'vitest';
import { dense } from '../layers/dense.js';
import { sequential } from '../models/sequential.js';

beforeAll(() => useBackend('cpu'));

it('weights the validation loss by validationData[2] and by the split sample weights', async () => {
  const model = sequential([dense({ units: 1, inputShape: [2], kernelInitializer: 'zeros' })]);
  // A negligible learning rate: the weights barely move, so every run validates the same model.
  model.compile({ optimizer: sgd({ learningRate: 1e-12 }), loss: 'meanSquaredError' });
  const x = tf.randomNormal([8, 2], 0, 1, 'float32', 1);
  const y = tf.ones([8, 1]);
  const ones = tf.ones([8]);
  const zeros = tf.zeros([8]);
  const run = async (options: object) => (await model.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0, ...options })).history['val_loss']![0]!;
  const plain = await run({ validationData: [x, y] });
  const before = tf.memory().numTensors;
  expect(await run({ validationData: [x, y, ones] })).toBeCloseTo(plain, 4);
  expect(await run({ validationData: [x, y, zeros] })).toBe(0);
  expect(await run({ validationSplit: 0.5, sampleWeight: tf.concat([tf.slice(ones, 0, 4), tf.slice(zeros, 0, 4)]) })).toBe(0);
  expect(tf.memory().numTensors).toBeLessThanOrEqual(before + 3);
  await expect(model.fit(x, y, { verbose: 0, validationData: [x, y, 'w' as never] })).rejects.toThrow(/third entry must be the sample weights/);
  model.dispose();
  tf.dispose([x, y, ones, zeros]);
});
