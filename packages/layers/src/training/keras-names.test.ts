import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { dense } from '../layers/dense.js';
import { sequential } from '../models/sequential.js';

beforeAll(() => useBackend('cpu'));

const OPTIMIZERS = ['sgd', 'rmsprop', 'adam', 'adamw', 'adagrad', 'adadelta', 'adamax', 'nadam', 'ftrl', 'lion', 'SGD', 'Adam', 'RMSprop'];
const LOSSES = [
  'sparseCategoricalCrossentropy', 'sparse_categorical_crossentropy', 'categoricalCrossentropy', 'categorical_crossentropy',
  'binaryCrossentropy', 'binary_crossentropy', 'mse', 'mae', 'mape', 'msle', 'meanSquaredError', 'mean_squared_error',
  'huber', 'logCosh', 'kld', 'poisson', 'cosineSimilarity', 'hinge', 'squaredHinge', 'categoricalHinge',
];
const METRICS = ['accuracy', 'acc', 'mse', 'mae', 'mape', 'binaryAccuracy', 'categoricalAccuracy', 'sparseCategoricalAccuracy', 'topKCategoricalAccuracy', 'auc', 'precision', 'recall'];

describe("compile accepts Keras' string names", () => {
  it.each(OPTIMIZERS)('optimizer %s trains a step', async (optimizer) => {
    const model = sequential([dense({ units: 1, inputShape: [2] })]);
    model.compile({ optimizer, loss: 'mse' });
    const logs = await model.trainOnBatch(tf.ones([4, 2]), tf.zeros([4, 1]));
    expect(Number.isFinite(logs['loss'])).toBe(true);
    model.dispose();
  });

  it.each(LOSSES)('loss %s', (loss) => {
    const model = sequential([dense({ units: 3, inputShape: [2] })]);
    expect(() => model.compile({ optimizer: 'sgd', loss })).not.toThrow();
    model.dispose();
  });

  it.each(METRICS)('metric %s', (metric) => {
    const model = sequential([dense({ units: 3, activation: 'softmax', inputShape: [2] })]);
    expect(() => model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy', metrics: [metric] })).not.toThrow();
    model.dispose();
  });

  it('lists the known names when one is unknown', () => {
    const model = sequential([dense({ units: 1, inputShape: [2] })]);
    expect(() => model.compile({ optimizer: 'adamm', loss: 'mse' })).toThrow(/adamm.*adam/s);
    expect(() => model.compile({ optimizer: 'sgd', loss: 'mean_squared_eror' })).toThrow(/Known names: .*mean_squared_error/);
    expect(() => model.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['acuracy'] })).toThrow(/acuracy/);
    model.dispose();
  });
});

describe('clear errors for empty data', () => {
  it('names an empty source in fit, evaluate and predict', async () => {
    const model = sequential([dense({ units: 1, inputShape: [2] })]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    await expect(model.fit([], { verbose: 0 })).rejects.toThrow(/the training data yielded no batches in epoch 1/);
    await expect(model.evaluate([])).rejects.toThrow(/the evaluation data yielded no batches/);
    await expect(model.predict([])).rejects.toThrow(/yielded no batches/);
    model.dispose();
  });
});
