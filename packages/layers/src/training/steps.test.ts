import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { LambdaCallback } from '@layerwise/callbacks';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { dense } from '../layers/dense.js';
import { sequential } from '../models/sequential.js';

beforeAll(() => useBackend('cpu'));
afterEach(() => vi.restoreAllMocks());

function setup() {
  const model = sequential([dense({ units: 1, inputShape: [2] })]);
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return { model, x: tf.randomNormal([64, 2], 0, 1, 'float32', 1), y: tf.randomNormal([64, 1], 0, 1, 'float32', 2) };
}

/** Counts training batches per epoch, and records the params fit gave the callbacks. */
function counter() {
  const perEpoch: number[] = [];
  let steps: number | undefined;
  const callback = new LambdaCallback({
    onEpochBegin: () => void perEpoch.push(0),
    onTrainBatchBegin: () => void perEpoch[perEpoch.length - 1]!++,
  });
  const setParams = callback.setParams.bind(callback);
  callback.setParams = (params) => {
    steps = params.steps;
    setParams(params);
  };
  return { callback, perEpoch, steps: () => steps };
}

describe('stepsPerEpoch and validationSteps', () => {
  it('takes stepsPerEpoch batches per epoch from tensors, continuing through the data and starting over', async () => {
    const { model, x, y } = setup();
    const count = counter();
    const before = tf.memory().numTensors;
    const history = await model.fit(x, y, { epochs: 4, batchSize: 16, stepsPerEpoch: 3, verbose: 0, callbacks: [count.callback] });
    expect(count.perEpoch).toEqual([3, 3, 3, 3]);
    expect(count.steps()).toBe(3);
    expect(history.history['loss']).toHaveLength(4);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    tf.dispose([x, y]);
  });

  it('stops with a warning when a generator runs out, keeping the epochs it completed', async () => {
    const { model, x, y } = setup();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const generator = (function* () {
      for (let i = 0; i < 5; i++) yield { x: tf.slice(x, i * 8, 8), y: tf.slice(y, i * 8, 8) };
    })();
    const count = counter();
    const history = await model.fit(generator, { epochs: 5, stepsPerEpoch: 2, verbose: 0, callbacks: [count.callback] });
    expect(count.perEpoch).toEqual([2, 2, 1, 0]);
    expect(history.history['loss']).toHaveLength(3);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/ran out of data; interrupting training at epoch 4.*stepsPerEpoch \* epochs \(2 \* 5\)/));
    model.dispose();
    tf.dispose([x, y]);
  });

  it('validates on the first validationSteps batches only', async () => {
    const { model, x, y } = setup();
    const vx = tf.randomNormal([64, 2], 0, 1, 'float32', 3);
    const vy = tf.randomNormal([64, 1], 0, 1, 'float32', 4);
    const history = await model.fit(x, y, { epochs: 1, batchSize: 16, verbose: 0, validationData: [vx, vy], validationSteps: 2 });
    const firstTwo = await model.evaluate(tf.slice(vx, 0, 32), tf.slice(vy, 0, 32), { batchSize: 16 });
    const all = await model.evaluate(vx, vy, { batchSize: 16 });
    expect(history.history['val_loss']![0]).toBeCloseTo(firstTwo['loss']!, 5);
    expect(Math.abs(all['loss']! - firstTwo['loss']!)).toBeGreaterThan(1e-4);
    await expect(model.fit(x, y, { verbose: 0, stepsPerEpoch: 0 })).rejects.toThrow(/stepsPerEpoch/);
    await expect(model.fit(x, y, { verbose: 0, validationData: [vx, vy], validationSteps: 1.5 })).rejects.toThrow(/validationSteps/);
    model.dispose();
    tf.dispose([x, y, vx, vy]);
  });
});
