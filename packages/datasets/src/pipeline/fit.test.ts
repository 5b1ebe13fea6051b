import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { dense, sequential } from '@layerwise/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromTensors } from './sources.js';

beforeAll(() => useBackend('cpu'));

describe('Dataset with fit, evaluate and predict', () => {
  it('trains from a shuffled, batched, prefetched dataset and leaks nothing across epochs', async () => {
    const x = tf.randomUniform([120, 3], -1, 1, 'float32', 1);
    const y = tf.tidy(() => tf.cast(tf.greater(tf.sum(x, 1), 0), 'int32'));
    const model = sequential([dense({ units: 8, activation: 'relu', inputShape: [3] }), dense({ units: 2, activation: 'softmax' })]);
    model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const train = fromTensors({ x, y }).shuffle(64, { seed: 2 }).batch(16).prefetch(2);
    await model.fit(train, { epochs: 1, verbose: 0 }); // creates optimizer and metric state
    const before = tf.memory().numTensors;
    const history = await model.fit(train, { epochs: 3, verbose: 0, validationData: fromTensors({ x, y }).batch(40) });
    expect(history.history['loss']).toHaveLength(3);
    expect(history.history['val_accuracy']).toHaveLength(3);
    const logs = await model.evaluate(fromTensors({ x, y }).batch(32));
    expect(logs['loss']).toBeGreaterThan(0);
    const out = await model.predict(fromTensors({ x }).batch(50));
    expect(out.shape).toEqual([120, 2]);
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    tf.dispose([x, y]);
  });
});
