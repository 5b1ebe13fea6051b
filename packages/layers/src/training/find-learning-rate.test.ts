import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { sgd } from '@layerwise/optimizers';
import { beforeAll, describe, expect, it } from 'vitest';
import { dense } from '../layers/dense.js';
import { sequential } from '../models/sequential.js';
import { findLearningRate } from './find-learning-rate.js';
import { steepestDescent } from './lr-suggestion.js';

beforeAll(() => useBackend('cpu'));

/** Linear regression y = x·w with standardised inputs: plain SGD converges for rates up to about 1 and diverges beyond about 2. */
function problem() {
  const x = tf.randomNormal([512, 4], 0, 1, 'float32', 1);
  const y = tf.matMul(x, tf.tensor2d([[1], [-2], [0.5], [3]]));
  const model = sequential([dense({ units: 1, inputShape: [4] })]);
  model.compile({ optimizer: sgd({ learningRate: 0.01, momentum: 0.9 }), loss: 'meanSquaredError' });
  return { x, y, model };
}

describe('findLearningRate', () => {
  it('suggests a rate in the range where the loss falls, stops when it diverges, and restores every weight exactly', async () => {
    const { x, y, model } = problem();
    await model.trainOnBatch(tf.slice(x, 0, 8), tf.slice(y, 0, 8)); // the optimizer has state now (one small step)
    const weights = await Promise.all(model.getWeights().map(async (w) => Array.from(await w.data())));
    const optimizer = model.optimizer!;
    const iterations = optimizer.iterations;
    const before = tf.memory().numTensors;
    const curve = await findLearningRate(model, x, y, { start: 1e-5, end: 100, steps: 120, batchSize: 32, seed: 3 });
    expect(tf.memory().numTensors).toBe(before);
    expect(curve.diverged).toBe(true);
    expect(curve.learningRates.length).toBeLessThan(120);
    expect(curve.learningRates[0]).toBeCloseTo(1e-5, 12);
    expect(curve.suggestion).toBeGreaterThan(1e-3);
    expect(curve.suggestion).toBeLessThan(1.5);
    expect(curve.losses.length).toBe(curve.smoothedLosses.length);
    const after = await Promise.all(model.getWeights().map(async (w) => Array.from(await w.data())));
    expect(after).toEqual(weights);
    // The model keeps its own optimizer, untouched.
    expect(model.optimizer).toBe(optimizer);
    expect(optimizer.iterations).toBe(iterations);
    expect(optimizer.learningRate).toBe(0.01);
    model.dispose();
    tf.dispose([x, y]);
  });

  it('takes a re-iterable source of batches, cycling it for as many steps as asked', async () => {
    const { x, y, model } = problem();
    const batches = { *[Symbol.iterator]() { for (let i = 0; i < 4; i++) yield { x: tf.slice(x, i * 32, 32), y: tf.slice(y, i * 32, 32) }; } };
    const before = tf.memory().numTensors;
    const curve = await findLearningRate(model, batches, { start: 1e-4, end: 1e-2, steps: 10 });
    expect(curve.losses).toHaveLength(10);
    expect(curve.diverged).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    tf.dispose([x, y]);
  });

  it('names what is wrong', async () => {
    const { x, y, model } = problem();
    await expect(findLearningRate(model, x, y, { start: 1, end: 0.1 })).rejects.toThrow(/`end`/);
    await expect(findLearningRate(model, x, y, { steps: 1 })).rejects.toThrow(/`steps`/);
    await expect(findLearningRate(model, x, y, { smoothing: 1 })).rejects.toThrow(/`smoothing`/);
    await expect(findLearningRate(model, x, y, { begin: 1 } as never)).rejects.toThrow(/unknown option `begin`/);
    const oneShot = (function* () { yield { x: tf.slice(x, 0, 32), y: tf.slice(y, 0, 32) }; })();
    await expect(findLearningRate(model, oneShot, { steps: 5 })).rejects.toThrow(/ran out after 1 of 5 steps/);
    const uncompiled = sequential([dense({ units: 1, inputShape: [4] })]);
    await expect(findLearningRate(uncompiled, x, y)).rejects.toThrow(/compile/);
    [model, uncompiled].forEach((m) => m.dispose());
    tf.dispose([x, y]);
  });

  it('suggests the steepest fall of the smoothed loss before its minimum', () => {
    const rates = [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000, 1e4, 1e5];
    const losses = [10, 10, 9.9, 9.5, 7, 3, 2.5, 2.4, 5, 50, 500];
    // Centred slopes: around 0.1 the loss falls from 9.5 to 3 over two decades, the steepest stretch.
    expect(steepestDescent(rates, losses)).toBe(0.1);
    expect(steepestDescent(rates.slice(0, 3), losses.slice(0, 3))).toBeUndefined();
  });
});
