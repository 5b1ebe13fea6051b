import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { Adam, adam, disposeOptimizerState, ExponentialDecay } from '@layerwise/optimizers';
import { beforeAll, expect, it } from 'vitest';
import { dense } from '../layers/dense.js';
import { sequential } from '../models/sequential.js';
import type { Model } from '../models/model.js';

beforeAll(() => useBackend('cpu'));

const build = () => {
  const model = sequential([dense({ units: 8, activation: 'relu', inputShape: [4] }), dense({ units: 3, activation: 'softmax' })]);
  // A decaying rate and AMSGrad's maxima: the step count and the slots the state carries both matter.
  model.compile({
    optimizer: adam({ learningRate: new ExponentialDecay({ initialLearningRate: 0.05, decaySteps: 3, decayRate: 0.8 }), amsgrad: true }),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });
  return model;
};

const values = (model: Model) => Promise.all(model.getWeights().map(async (w) => Array.from(await w.data())));

it('stopping after k epochs, restoring weights and optimizer state into a fresh model and continuing gives bit-identical weights', async () => {
  const x = tf.randomNormal([40, 4], 0, 1, 'float32', 1);
  const y = tf.tensor1d([...Array(40).keys()].map((i) => i % 3), 'int32');
  const options = { batchSize: 8, shuffle: true, seed: 11, verbose: 0 as const };
  const uninterrupted = build();
  const initial = uninterrupted.getWeights().map((w) => tf.clone(w));
  await uninterrupted.fit(x, y, { ...options, epochs: 5 });

  const first = build();
  first.setWeights(initial);
  await first.fit(x, y, { ...options, epochs: 2 });
  const savedWeights = first.getWeights().map((w) => tf.clone(w));
  const savedState = (first.optimizer as Adam).getState();
  first.dispose();

  const before = tf.memory().numTensors;
  const resumed = build();
  resumed.setWeights(savedWeights);
  (resumed.optimizer as Adam).setState(savedState, resumed.trainableWeights.map((w) => w.variable));
  await resumed.fit(x, y, { ...options, epochs: 5, initialEpoch: 2 });
  expect(await values(resumed)).toEqual(await values(uninterrupted));
  // (Restarting at epoch 2 with a fresh optimizer state drifts: the state matters.)
  const fresh = build();
  fresh.setWeights(savedWeights);
  await fresh.fit(x, y, { ...options, epochs: 5, initialEpoch: 2 });
  expect(await values(fresh)).not.toEqual(await values(uninterrupted));

  disposeOptimizerState(savedState);
  tf.dispose([...initial, ...savedWeights]);
  [uninterrupted, resumed, fresh].forEach((m) => m.dispose());
  expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
  tf.dispose([x, y]);
});
