import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { dense } from '../layers/dense.js';
import { sequential } from '../models/sequential.js';

beforeAll(() => useBackend('cpu'));

describe('weightedMetrics (Keras weighted_metrics)', () => {
  it('weights only the weighted metrics by sampleWeight; a name both lists share is logged as weighted_<name>', async () => {
    const model = sequential([dense({ units: 2, activation: 'softmax', inputShape: [1], kernelInitializer: 'zeros', biasInitializer: 'zeros' })]);
    model.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'], weightedMetrics: ['accuracy'] });
    // Untrained, the model predicts class 0 (ties go to the first index): samples 0 and 1 are right.
    const x = tf.tensor2d([[1], [2], [3], [4]]);
    const y = tf.tensor1d([0, 0, 1, 1], 'int32');
    const sampleWeight = tf.tensor1d([1, 1, 0, 0]);
    const history = await model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0, sampleWeight, shuffle: false });
    expect(Object.keys(history.history).sort()).toEqual(['accuracy', 'loss', 'weighted_accuracy']);
    expect(history.history['accuracy']![0]).toBeCloseTo(0.5, 6);
    expect(history.history['weighted_accuracy']![0]).toBeCloseTo(1, 6);
    model.dispose();
    tf.dispose([x, y, sampleWeight]);
  });

  it('names a bad weightedMetrics argument', () => {
    const model = sequential([dense({ units: 1, inputShape: [1] })]);
    expect(() => model.compile({ optimizer: 'sgd', loss: 'mse', weightedMetrics: 5 as never })).toThrow(/`weightedMetrics` must be a list/);
    model.dispose();
  });
});
