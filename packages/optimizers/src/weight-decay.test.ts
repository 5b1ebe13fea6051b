import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useBackend } from '@layerwise/core';
import { adam } from './adam.js';
import { PiecewiseConstantDecay } from './schedules/piecewise-constant-decay.js';
import { sgd } from './sgd.js';

describe('weight decay (decoupled, as Keras: w -= w * weightDecay * learningRate before the update)', () => {
  beforeAll(() => useBackend('cpu'));
  let before = 0;
  beforeEach(() => {
    before = tf.memory().numTensors;
  });
  afterEach(() => {
    expect(tf.memory().numTensors).toBe(before);
  });

  it('shrinks the weights by weightDecay * lr, then applies the update to the decayed weights', () => {
    const w = tf.tidy(() => tf.variable(tf.tensor1d([2, -4])));
    const g = tf.tensor1d([1, 1]);
    const optimizer = sgd({ learningRate: 0.1, weightDecay: 0.5 });
    optimizer.applyGradients([{ variable: w, gradient: g }]);
    expect(w.dataSync()[0]).toBeCloseTo(2 * 0.95 - 0.1, 6);
    expect(w.dataSync()[1]).toBeCloseTo(-4 * 0.95 - 0.1, 6);
    expect(optimizer.getConfig()['weight_decay']).toBe(0.5);
    optimizer.dispose();
    tf.dispose([w, g]);
  });

  it('decays before a momentum update (Keras order), not through the gradient', () => {
    // With momentum, an L2 term in the gradient would also build up in the momentum.
    const w = tf.tidy(() => tf.variable(tf.tensor1d([1])));
    const zero = tf.zeros([1]);
    const optimizer = sgd({ learningRate: 0.1, momentum: 0.9, weightDecay: 1 });
    for (let i = 0; i < 3; i++) optimizer.applyGradients([{ variable: w, gradient: zero }]);
    expect(w.dataSync()[0]).toBeCloseTo(0.9 ** 3, 6);
    optimizer.dispose();
    tf.dispose([w, zero]);
  });

  it('uses the current learning rate, scheduled or set', () => {
    const w = tf.tidy(() => tf.variable(tf.tensor1d([1])));
    const zero = tf.zeros([1]);
    const scheduled = adam({ learningRate: new PiecewiseConstantDecay({ boundaries: [0], values: [0.5, 0.25] }), weightDecay: 1 });
    scheduled.applyGradients([{ variable: w, gradient: zero }]); // step 0: lr 0.5
    scheduled.applyGradients([{ variable: w, gradient: zero }]); // step 1: lr 0.25
    expect(w.dataSync()[0]).toBeCloseTo(0.5 * 0.75, 6);
    const set = sgd({ learningRate: 0.5, weightDecay: 1 });
    set.learningRate = 0.1;
    set.applyGradients([{ variable: w, gradient: zero }]);
    expect(w.dataSync()[0]).toBeCloseTo(0.5 * 0.75 * 0.9, 6);
    scheduled.dispose();
    set.dispose();
    tf.dispose([w, zero]);
  });

  it('is off by default (null in the config) and validated', () => {
    expect(sgd().weightDecay).toBeNull();
    expect(sgd({ weightDecay: null }).getConfig()['weight_decay']).toBeNull();
    expect(() => sgd({ weightDecay: -0.1 })).toThrow('SGD: received an invalid value for `weightDecay`, expected a number in [0, inf). Received: weightDecay=-0.1');
    expect(() => sgd({ weightDecay: '0.1' as never })).toThrow(/`weightDecay`/);
  });
});
