import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { adam } from '@layerwise/optimizers';
import { beforeAll, expect, it } from 'vitest';
import { dense } from '../layers/dense.js';
import { sequential } from '../models/sequential.js';

beforeAll(() => useBackend('cpu'));

it("ends fit with the moving averages in the weights when the optimizer keeps them (Keras' finalize_variable_values)", async () => {
  const model = sequential([dense({ units: 2, inputShape: [3] })]);
  const optimizer = adam({ learningRate: 0.1, useEma: true, emaMomentum: 0.9 });
  model.compile({ optimizer, loss: 'meanSquaredError' });
  const x = tf.randomNormal([16, 3], 0, 1, 'float32', 1);
  const y = tf.randomNormal([16, 2], 0, 1, 'float32', 2);
  await model.fit(x, y, { epochs: 3, batchSize: 4, verbose: 0 });
  const state = optimizer.getState();
  const averages = state.slots.map((s) => s.values['average']!);
  expect(averages).toHaveLength(2);
  for (const [i, weight] of model.trainableWeights.entries()) {
    expect(Array.from(await weight.variable.data())).toEqual(Array.from(await averages[i]!.data()));
  }
  // (Without the finalisation the weights would be the last step's, not the averages.)
  tf.dispose(state.slots.flatMap((s) => Object.values(s.values)));
  model.dispose();
  tf.dispose([x, y]);
});
