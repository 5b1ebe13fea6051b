import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LayerwiseError, useBackend } from '@layerwise/core';
import { Adam, adam } from './adam.js';
import { disposeOptimizerState } from './state.js';
import { KERAS_BASE_OFF } from './test-utils.js';
import { runOptimizerTest } from './testing/conformance.js';

describe('Adam', () => {
  beforeAll(() => useBackend('cpu'));

  it('has Keras defaults and config', () => {
    const optimizer = adam();
    expect(optimizer).toBeInstanceOf(Adam);
    expect(optimizer.className).toBe('Adam');
    expect(optimizer.getConfig()).toEqual({ name: 'adam', learning_rate: 0.001, ...KERAS_BASE_OFF, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7, amsgrad: false });
  });

  for (const options of [{ learningRate: 0.1 }, { learningRate: 0.1, amsgrad: true }, { learningRate: 0.05, beta1: 0.5, beta2: 0.9, epsilon: 1e-3 }]) {
    it(`passes the conformance harness with ${JSON.stringify(options)}`, () => {
      runOptimizerTest({ create: () => adam(options), fromConfig: (config) => Adam.fromConfig(config) });
    });
  }

  it('first step is lr * g / (|g| + epsilon / sqrt(1 - beta2)) for every element, whatever the scale of g', () => {
    // Keras' epsilon is added after the bias correction of v, so on step 1 it acts as epsilon / sqrt(1 - beta2).
    const before = tf.memory().numTensors;
    const w = tf.tidy(() => tf.variable(tf.zeros([3])));
    const gradient = [1e-3, -5, 100];
    const g = tf.tensor1d(gradient);
    const optimizer = adam({ learningRate: 0.01 });
    optimizer.applyGradients([{ variable: w, gradient: g }]);
    const values = w.dataSync();
    gradient.forEach((gi, i) => {
      const expected = (-0.01 * gi) / (Math.abs(gi) + 1e-7 / Math.sqrt(1 - 0.999));
      expect(Math.abs(values[i]! - expected)).toBeLessThan(1e-6 * Math.abs(expected));
    });
    expect(Math.abs(values[0]! + 0.01)).toBeGreaterThan(1e-5); // the epsilon term is visible for a small gradient
    optimizer.dispose();
    tf.dispose([w, g]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps velocity_hat only with amsgrad', () => {
    const before = tf.memory().numTensors;
    const w = tf.tidy(() => tf.variable(tf.zeros([2])));
    const g = tf.ones([2]);
    for (const [optimizer, slots] of [[adam(), ['momentum', 'velocity']], [adam({ amsgrad: true }), ['momentum', 'velocity', 'velocity_hat']]] as const) {
      optimizer.applyGradients([{ variable: w, gradient: g }]);
      const state = optimizer.getState();
      expect(state.slots.map((s) => Object.keys(s.values))).toEqual([slots]);
      disposeOptimizerState(state);
      optimizer.dispose();
    }
    tf.dispose([w, g]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    [{ learningRate: -1 }, /Adam: received an invalid value for `learningRate`, expected a number in \(0, inf\)\. Received: learningRate=-1/],
    [{ beta1: 1 }, /Adam: received an invalid value for `beta1`, expected a number in \[0, 1\)\. Received: beta1=1/],
    [{ beta2: -0.001 }, /beta2=-0\.001/],
    [{ beta2: 1.5 }, /beta2=1\.5/],
    [{ epsilon: -1 }, /Adam: received an invalid value for `epsilon`, expected a number in \[0, inf\)\. Received: epsilon=-1/],
    [{ amsgrad: 'true' }, /`amsgrad`, expected a boolean/],
    [{ beta_1: 0.9 }, /Adam: unknown option `beta_1`/],
  ])('rejects %j', (options, message) => {
    expect(() => new Adam(options as never)).toThrow(LayerwiseError);
    expect(() => new Adam(options as never)).toThrow(message);
  });
});
