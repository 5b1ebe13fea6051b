import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { knownLossNames } from '@layerwise/losses';
import { knownMetricNames } from '@layerwise/metrics';
import { knownOptimizers } from '@layerwise/optimizers';
import { beforeAll, describe, expect, it } from 'vitest';
import { dense } from '../layers/dense.js';
import { sequential } from '../models/sequential.js';

beforeAll(() => useBackend('cpu'));

// Keras' own string identifiers (keras.optimizers.get, keras.losses.get, keras.metrics.get and
// compile's 'accuracy'/'crossentropy' shorthands), every one of which compile must take...
const KERAS_OPTIMIZERS = ['sgd', 'rmsprop', 'adam', 'adamw', 'adagrad', 'adadelta', 'adamax', 'nadam', 'ftrl', 'lion'];
const KERAS_LOSSES = [
  'binary_crossentropy', 'binary_focal_crossentropy', 'categorical_crossentropy', 'categorical_focal_crossentropy',
  'sparse_categorical_crossentropy', 'mean_squared_error', 'mean_absolute_error', 'mean_absolute_percentage_error',
  'mean_squared_logarithmic_error', 'huber', 'log_cosh', 'kl_divergence', 'poisson', 'cosine_similarity', 'hinge',
  'squared_hinge', 'categorical_hinge', 'dice', 'tversky', 'mse', 'mae', 'mape', 'msle', 'kld',
];
const KERAS_METRICS = [
  'accuracy', 'acc', 'crossentropy', 'ce', 'binary_accuracy', 'categorical_accuracy', 'sparse_categorical_accuracy',
  'top_k_categorical_accuracy', 'sparse_top_k_categorical_accuracy', 'mse', 'mae', 'mape', 'msle', 'rmse', 'kld',
  'mean_squared_error', 'mean_absolute_error', 'root_mean_squared_error', 'r2_score', 'auc', 'precision', 'recall',
  'f1_score', 'fbeta_score', 'true_positives', 'true_negatives', 'false_positives', 'false_negatives',
  'binary_crossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy', 'kl_divergence', 'poisson',
  'hinge', 'squared_hinge', 'categorical_hinge', 'cosine_similarity', 'log_cosh',
];
// ...and every other spelling the registries know (camelCase, class names, upper-case aliases).
const OPTIMIZERS = [...new Set([...KERAS_OPTIMIZERS, ...knownOptimizers, 'SGD', 'Adam', 'RMSprop', 'AdamW'])];
const LOSSES = [...new Set([...KERAS_LOSSES, ...knownLossNames])];
const METRICS = [...new Set([...KERAS_METRICS, ...knownMetricNames])];

/** A 3-class softmax model compiled with `loss` and `metric`, evaluated on one batch of matching targets. */
async function evaluateWith(loss: string, metric?: string) {
  const sparse = /sparse/i.test(loss) || (metric !== undefined && /sparse/i.test(metric));
  const model = sequential([dense({ units: 3, activation: 'softmax', inputShape: [2] })]);
  model.compile({ optimizer: 'sgd', loss: sparse ? 'sparseCategoricalCrossentropy' : loss, ...(metric ? { metrics: [metric] } : {}) });
  const x = tf.tensor2d([[1, 2], [0, -1], [2, 0], [-1, 1]]);
  const labels = tf.tensor1d([0, 1, 2, 1], 'int32');
  const y = sparse ? labels : tf.oneHot(labels, 3);
  const logs = await model.evaluate(x, y);
  model.dispose();
  tf.dispose([x, labels, y]);
  return logs;
}

describe("compile accepts every Keras string name", () => {
  it.each(OPTIMIZERS)('optimizer %s trains a step', async (optimizer) => {
    const model = sequential([dense({ units: 1, inputShape: [2] })]);
    model.compile({ optimizer, loss: 'mse' });
    const logs = await model.trainOnBatch(tf.ones([4, 2]), tf.zeros([4, 1]));
    expect(Number.isFinite(logs['loss'])).toBe(true);
    expect(model.optimizer!.className.toLowerCase()).toBe(optimizer.toLowerCase());
    model.dispose();
  });

  it.each(LOSSES)('loss %s', async (loss) => {
    const logs = await evaluateWith(loss);
    expect(Number.isFinite(logs['loss']), `${loss}: ${logs['loss']}`).toBe(true);
  });

  it.each(METRICS)('metric %s is logged under its name', async (metric) => {
    const before = tf.memory().numTensors;
    const logs = await evaluateWith('categoricalCrossentropy', metric);
    const keys = Object.keys(logs).filter((k) => k !== 'loss');
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => Number.isFinite(logs[k])), JSON.stringify(logs)).toBe(true);
    // Keras' snake_case names log under that name; per-class F-scores as <name>_0, <name>_1, <name>_2.
    if (KERAS_METRICS.includes(metric)) expect(keys).toEqual(/^f(1|beta)_score$/.test(metric) ? [0, 1, 2].map((i) => `${metric}_${i}`) : [metric]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("names loss-name metrics as given and picks the cross-entropy that fits the loss for 'crossentropy'", async () => {
    const kld = await evaluateWith('categoricalCrossentropy', 'kld');
    expect(Object.keys(kld).sort()).toEqual(['kld', 'loss']);
    // 'crossentropy' with a categorical cross-entropy loss is that same loss, averaged over the batch.
    const ce = await evaluateWith('categoricalCrossentropy', 'crossentropy');
    expect(ce['crossentropy']).toBeCloseTo(ce['loss']!, 6);
    const sparse = await evaluateWith('sparseCategoricalCrossentropy', 'ce');
    expect(sparse['ce']).toBeCloseTo(sparse['loss']!, 6);
  });

  it('lists the known names when one is unknown', () => {
    const model = sequential([dense({ units: 1, inputShape: [2] })]);
    expect(() => model.compile({ optimizer: 'adamm', loss: 'mse' })).toThrow(/adamm.*adam/s);
    expect(() => model.compile({ optimizer: 'sgd', loss: 'mean_squared_eror' })).toThrow(/Known names: .*mean_squared_error/);
    expect(() => model.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['acuracy'] })).toThrow(
      /compile: getMetric: unknown metric 'acuracy'\. Known names: accuracy, acc, .*Loss names work as metrics too .*: crossentropy, ce, .*kld/,
    );
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
