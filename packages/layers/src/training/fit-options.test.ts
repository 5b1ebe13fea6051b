import * as tf from '@tensorflow/tfjs-core';
import { useBackend, type Batch } from '@layerwise/core';
import { sgd } from '@layerwise/optimizers';
import { beforeAll, describe, expect, it } from 'vitest';
import { dense } from '../layers/index.js';
import { Sequential, sequential } from '../models/sequential.js';
import type { StepResult } from './train-step.js';

beforeAll(() => useBackend('cpu'));

const fixed = (seed: number) => ({
  className: 'Fixed',
  apply: (shape: readonly number[]) => tf.randomUniform([...shape], -0.5, 0.5, 'float32', seed),
  getConfig: () => ({ seed }),
});
const model = () => {
  const m = sequential([dense({ units: 3, activation: 'softmax', inputShape: [4], kernelInitializer: fixed(1) })]);
  m.compile({ optimizer: sgd({ learningRate: 0.1 }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return m;
};
const data = () => ({ x: tf.randomNormal([20, 4], 0, 1, 'float32', 2), y: tf.tensor1d([0, 1, 2, 1, 0, 2, 2, 1, 0, 0, 1, 2, 0, 1, 2, 2, 1, 0, 0, 1], 'int32') });

describe('fit options beyond the basics', () => {
  it('sampleWeight of ones trains exactly as no weights; classWeight scales the loss as Keras does', async () => {
    const { x, y } = data();
    const a = model();
    const b = model();
    const ones = tf.ones([20]);
    const ha = await a.fit(x, y, { epochs: 2, batchSize: 5, shuffle: false, verbose: 0 });
    const hb = await b.fit(x, y, { epochs: 2, batchSize: 5, shuffle: false, verbose: 0, sampleWeight: ones });
    expect(hb.history['loss']).toEqual(ha.history['loss']);
    expect(Array.from(b.getWeights()[0]!.dataSync())).toEqual(Array.from(a.getWeights()[0]!.dataSync()));

    // One step on the whole batch: loss = mean_i(l_i * w[y_i]) (Keras' sum_over_batch_size).
    const c = model();
    const perSample = tf.tidy(() => c.compiled.loss.call(y, c.predictOnBatch(x)));
    const w = { 0: 1, 1: 2, 2: 0.5 };
    const expected = tf.tidy(() => tf.mean(tf.mul(perSample, tf.gather(tf.tensor1d([1, 2, 0.5]), y))).dataSync()[0]!);
    const logs = await c.testOnBatch(x, y, { classWeight: w });
    expect(logs['loss']).toBeCloseTo(expected, 5);
    const plain = await c.testOnBatch(x, y);
    expect(plain['loss']).toBeCloseTo(tf.tidy(() => tf.mean(perSample).dataSync()[0]!), 5);
    const before = tf.memory().numTensors;
    const trained = await c.trainOnBatch(x, y, { classWeight: w });
    expect(trained['loss']).toBeCloseTo(expected, 5);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y, ones, perSample]);
    [a, b, c].forEach((m) => m.dispose());
  });

  it('validates at validationFreq epochs with validationBatchSize', async () => {
    const { x, y } = data();
    const m = model();
    const seen: number[] = [];
    const history = await m.fit(x, y, {
      epochs: 4,
      verbose: 0,
      validationData: [x, y],
      validationFreq: 2,
      validationBatchSize: 7,
      callbacks: [{ onEpochEnd: (epoch, logs) => void ('val_loss' in (logs ?? {}) && seen.push(epoch + 1)) }],
    });
    expect(seen).toEqual([2, 4]);
    expect(history.history['val_loss']).toHaveLength(2);
    await expect(m.fit(x, y, { verbose: 0, validationFreq: 0 })).rejects.toThrow(/`validationFreq`/);
    const wrong = tf.ones([3]);
    await expect(m.fit(x, y, { verbose: 0, sampleWeight: wrong })).rejects.toThrow(/sampleWeight must have one weight per sample, shape \(20,\); received shape \(3,\)/);
    await expect(m.fit(x, y, { verbose: 0, classWeight: { 0: -1 } })).rejects.toThrow(/`classWeight\[0\]`/);
    tf.dispose([x, y, wrong]);
    m.dispose();
  });

  it('calls an overridden trainStep for every batch', async () => {
    class Counting extends Sequential {
      steps = 0;
      override trainStep(batch: Batch): StepResult {
        this.steps++;
        return super.trainStep(batch);
      }
    }
    const m = new Counting({ layers: [dense({ units: 2, inputShape: [4] })] });
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = tf.ones([10, 4]);
    const y = tf.zeros([10, 2]);
    await m.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 });
    expect(m.steps).toBe(6);
    m.layers[0]!.trainable = false;
    const frozen = await m.trainOnBatch(x, y);
    expect(frozen['loss']).toBeGreaterThanOrEqual(0);
    tf.dispose([x, y]);
    m.dispose();
  });
});
