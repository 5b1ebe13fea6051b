import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { EarlyStopping, ReduceLROnPlateau } from '@layerwise/callbacks';
import { beforeAll, describe, expect, it } from 'vitest';
import { dense } from '../layers/dense.js';
import { dropout } from '../layers/dropout.js';
import { sequential } from '../models/sequential.js';
import type { FitOptions } from './fit.js';

beforeAll(() => useBackend('cpu'));

// Every option combination fit is tested with leaves the tensor count where it found it, once the
// model's own state (optimizer slots, metric state) exists after a first run.
const x = () => tf.randomNormal([48, 3], 0, 1, 'float32', 1);
const y = () => tf.tensor1d([...Array(48).keys()].map((i) => i % 3), 'int32');

const combinations: [string, () => FitOptions][] = [
  ['defaults', () => ({})],
  ['validationSplit + shuffle off', () => ({ validationSplit: 0.25, shuffle: false })],
  ['validationData with weights + validationFreq + validationBatchSize', () => ({ validationData: [x(), y(), tf.ones([48])], validationFreq: 2, validationBatchSize: 7 })],
  ['sampleWeight + validationSplit', () => ({ sampleWeight: tf.linspace(0.1, 1, 48), validationSplit: 0.25 })],
  ['classWeight', () => ({ classWeight: { 0: 1, 1: 2, 2: 0.5 } })],
  ['stepsPerEpoch + validationSteps', () => ({ stepsPerEpoch: 2, validationData: [x(), y()], validationSteps: 1 })],
  ['checkInputs + yieldEvery batch', () => ({ checkInputs: true, yieldEvery: 'batch' as const })],
  ['callbacks: EarlyStopping restoring weights, ReduceLROnPlateau', () => ({ validationSplit: 0.25, callbacks: [new EarlyStopping({ patience: 0, restoreBestWeights: true }), new ReduceLROnPlateau({ patience: 0 })] })],
  ['initialEpoch + seed', () => ({ initialEpoch: 1, seed: 5 })],
];

describe('no leaked tensors in fit, evaluate and predict', () => {
  it.each(combinations)('%s', async (_, options) => {
    const model = sequential([dense({ units: 8, activation: 'relu', inputShape: [3] }), dropout({ rate: 0.2 }), dense({ units: 3, activation: 'softmax' })]);
    model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'], weightedMetrics: ['accuracy'] });
    const [xs, ys] = [x(), y()];
    const first = options();
    await model.fit(xs, ys, { epochs: 3, batchSize: 8, verbose: 0, ...first });
    const second = options();
    const owned = [second.sampleWeight, ...(Array.isArray(second.validationData) ? second.validationData : [])].filter((t): t is tf.Tensor => t instanceof tf.Tensor);
    const before = tf.memory().numTensors;
    await model.fit(xs, ys, { epochs: 3, batchSize: 8, verbose: 0, ...second });
    await model.evaluate(xs, ys, { batchSize: 5 });
    const predictions = await model.predict(xs, { batchSize: 7 });
    predictions.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([...owned, first.sampleWeight, ...(Array.isArray(first.validationData) ? first.validationData : [])].filter((t): t is tf.Tensor => t instanceof tf.Tensor));
    model.dispose();
    tf.dispose([xs, ys]);
  });
});
