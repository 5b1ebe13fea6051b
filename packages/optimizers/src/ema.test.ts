import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LayerwiseError, useBackend } from '@layerwise/core';
import { sgd } from './sgd.js';
import { disposeOptimizerState } from './state.js';

/** SGD with lr 1 and gradient 1: the weight goes 0, -1, -2, ... unless overwritten. */
function descend(options: Parameters<typeof sgd>[0], steps: number) {
  const w = tf.tidy(() => tf.variable(tf.zeros([1])));
  const g = tf.ones([1]);
  const optimizer = sgd({ learningRate: 1, useEma: true, emaMomentum: 0.5, ...options });
  const weights: number[] = [];
  const averages: number[] = [];
  for (let i = 0; i < steps; i++) {
    optimizer.applyGradients([{ variable: w, gradient: g }]);
    weights.push(w.dataSync()[0]!);
    const state = optimizer.getState();
    averages.push(state.slots[0]!.values['average']!.dataSync()[0]!);
    disposeOptimizerState(state);
  }
  g.dispose();
  return { w, optimizer, weights, averages };
}

describe('exponential moving average of the weights (useEma)', () => {
  beforeAll(() => useBackend('cpu'));
  let before = 0;
  beforeEach(() => {
    before = tf.memory().numTensors;
  });
  afterEach(() => {
    expect(tf.memory().numTensors).toBe(before);
  });

  it('starts at the weights after the first step, then average = m * average + (1 - m) * w', () => {
    const { w, optimizer, weights, averages } = descend({}, 3);
    expect(weights).toEqual([-1, -2, -3]);
    expect(averages).toEqual([-1, -1.5, -2.25]);
    optimizer.finalizeVariableValues(); // Keras: the weights take their average
    expect(w.dataSync()[0]).toBe(-2.25);
    optimizer.dispose();
    w.dispose();
  });

  it('overwrites the weights with the average every emaOverwriteFrequency iterations', () => {
    const { w, optimizer, weights, averages } = descend({ emaOverwriteFrequency: 2 }, 4);
    expect(averages).toEqual([-1, -1.5, -2, -2.75]);
    expect(weights).toEqual([-1, -1.5, -2.5, -2.75]);
    expect(optimizer.getConfig()).toMatchObject({ use_ema: true, ema_momentum: 0.5, ema_overwrite_frequency: 2 });
    optimizer.dispose();
    w.dispose();
  });

  it('swapEmaWeights exchanges the weights and their averages, and a second call swaps back', () => {
    const { w, optimizer } = descend({}, 2); // w -2, average -1.5
    optimizer.swapEmaWeights();
    expect(w.dataSync()[0]).toBe(-1.5);
    optimizer.swapEmaWeights([w]);
    expect(w.dataSync()[0]).toBe(-2);
    const state = optimizer.getState();
    expect(state.slots[0]!.values['average']!.dataSync()[0]).toBe(-1.5);
    disposeOptimizerState(state);
    optimizer.dispose();
    w.dispose();
  });

  it('survives the optimizer: weights overwritten by their average keep their value after dispose()', () => {
    const { w, optimizer } = descend({}, 2);
    optimizer.finalizeVariableValues([w]);
    optimizer.dispose();
    expect(w.dataSync()[0]).toBe(-1.5);
    w.dispose();
  });

  it('finalizeVariableValues does nothing without useEma; swapEmaWeights and unknown variables are errors', () => {
    const w = tf.tidy(() => tf.variable(tf.ones([1])));
    const other = tf.tidy(() => tf.variable(tf.ones([1])));
    const g = tf.ones([1]);
    const plain = sgd({ learningRate: 1 });
    plain.applyGradients([{ variable: w, gradient: g }]);
    plain.finalizeVariableValues();
    expect(w.dataSync()[0]).toBe(0);
    expect(() => plain.swapEmaWeights()).toThrow('SGD.swapEmaWeights: this optimizer keeps no moving average; create it with `useEma: true`');
    const averaged = sgd({ useEma: true });
    averaged.applyGradients([{ variable: w, gradient: g }]);
    expect(() => averaged.finalizeVariableValues([other])).toThrow(`SGD.finalizeVariableValues: variable '${other.name}' has no moving average`);
    expect(() => averaged.swapEmaWeights('w' as never)).toThrow(LayerwiseError);
    plain.dispose();
    averaged.dispose();
    tf.dispose([w, other, g]);
  });

  it('validates emaMomentum and emaOverwriteFrequency', () => {
    expect(() => sgd({ useEma: true, emaMomentum: 1.5 })).toThrow('SGD: received an invalid value for `emaMomentum`, expected a number in [0, 1]. Received: emaMomentum=1.5');
    expect(() => sgd({ useEma: true, emaOverwriteFrequency: 0 })).toThrow(/`emaOverwriteFrequency`, expected a positive integer\. Received: emaOverwriteFrequency=0/);
    expect(() => sgd({ useEma: true, emaOverwriteFrequency: 1.5 })).toThrow(LayerwiseError);
    expect(() => sgd({ useEma: 'yes' as never })).toThrow(/`useEma`, expected a boolean/);
  });
});
