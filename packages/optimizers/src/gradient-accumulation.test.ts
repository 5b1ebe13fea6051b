import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useBackend } from '@layerwise/core';
import { adam } from './adam.js';
import { PiecewiseConstantDecay } from './schedules/piecewise-constant-decay.js';
import { sgd } from './sgd.js';
import { disposeOptimizerState } from './state.js';

describe('gradient accumulation (gradientAccumulationSteps)', () => {
  beforeAll(() => useBackend('cpu'));
  let before = 0;
  beforeEach(() => {
    before = tf.memory().numTensors;
  });
  afterEach(() => {
    expect(tf.memory().numTensors).toBe(before);
  });

  it('accumulates N calls, then applies their mean once; iterations counts updates, stepCount calls', () => {
    const w = tf.tidy(() => tf.variable(tf.zeros([2])));
    const grads = [tf.tensor1d([1, 0]), tf.tensor1d([3, 2]), tf.tensor1d([-2, 4]), tf.tensor1d([0, 0])];
    const optimizer = sgd({ learningRate: 1, gradientAccumulationSteps: 2 });
    const seen: [number[], number, number, number[]][] = [];
    for (const g of grads) {
      optimizer.applyGradients([{ variable: w, gradient: g }]);
      const state = optimizer.getState();
      seen.push([Array.from(w.dataSync()), optimizer.iterations, optimizer.stepCount, Array.from(state.slots[0]!.values['gradient_accumulator']!.dataSync())]);
      expect(state.iterations).toBe(optimizer.stepCount);
      disposeOptimizerState(state);
    }
    expect(seen).toEqual([
      [[0, 0], 0, 1, [1, 0]],
      [[-2, -1], 1, 2, [0, 0]],
      [[-2, -1], 1, 3, [-2, 4]],
      [[-1, -3], 2, 4, [0, 0]],
    ]);
    optimizer.dispose();
    tf.dispose([w, ...grads]);
  });

  it('counts Adam bias correction in updates: N calls of the same gradient make exactly one Adam first step', () => {
    const w = tf.tidy(() => tf.variable(tf.zeros([1])));
    const reference = tf.tidy(() => tf.variable(tf.zeros([1])));
    const g = tf.tensor1d([0.3]);
    const accumulating = adam({ learningRate: 0.1, gradientAccumulationSteps: 3 });
    const plain = adam({ learningRate: 0.1 });
    for (let i = 0; i < 3; i++) accumulating.applyGradients([{ variable: w, gradient: g }]);
    plain.applyGradients([{ variable: reference, gradient: g }]);
    expect(w.dataSync()[0]).toBeCloseTo(reference.dataSync()[0]!, 7);
    expect(accumulating.iterations).toBe(1);
    accumulating.dispose();
    plain.dispose();
    tf.dispose([w, reference, g]);
  });

  it('evaluates a learning rate schedule at the call count (Keras: schedules see the "real" iterations)', () => {
    const w = tf.tidy(() => tf.variable(tf.zeros([1])));
    const g = tf.ones([1]);
    const schedule = new PiecewiseConstantDecay({ boundaries: [1], values: [1, 0.1] });
    const optimizer = sgd({ learningRate: schedule, gradientAccumulationSteps: 2 });
    optimizer.applyGradients([{ variable: w, gradient: g }]);
    optimizer.applyGradients([{ variable: w, gradient: g }]); // step 1: lr 1
    expect(w.dataSync()[0]).toBeCloseTo(-1, 6);
    optimizer.applyGradients([{ variable: w, gradient: g }]);
    optimizer.applyGradients([{ variable: w, gradient: g }]); // step 3: lr 0.1
    expect(w.dataSync()[0]).toBeCloseTo(-1.1, 6);
    optimizer.dispose();
    tf.dispose([w, g]);
  });

  it('is off by default and must be an integer of at least 2, as Keras', () => {
    expect(sgd().gradientAccumulationSteps).toBeNull();
    expect(() => sgd({ gradientAccumulationSteps: 1 })).toThrow(
      'SGD: received an invalid value for `gradientAccumulationSteps`, expected an integer of at least 2. Received: gradientAccumulationSteps=1',
    );
    expect(() => sgd({ gradientAccumulationSteps: 2.5 })).toThrow(/gradientAccumulationSteps=2\.5/);
  });
});
