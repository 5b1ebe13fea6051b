import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LayerwiseError, useBackend } from '@layerwise/core';
import { Adagrad, adagrad } from './adagrad.js';
import { disposeOptimizerState } from './state.js';
import { KERAS_BASE_OFF } from './test-utils.js';
import { runOptimizerTest } from './testing/conformance.js';

describe('Adagrad', () => {
  beforeAll(() => useBackend('cpu'));

  it('has Keras defaults and config', () => {
    const optimizer = adagrad();
    expect(optimizer).toBeInstanceOf(Adagrad);
    expect(optimizer.className).toBe('Adagrad');
    expect(optimizer.getConfig()).toEqual({ name: 'adagrad', learning_rate: 0.001, ...KERAS_BASE_OFF, initial_accumulator_value: 0.1, epsilon: 1e-7 });
  });

  for (const options of [{ learningRate: 0.5 }, { learningRate: 0.5, initialAccumulatorValue: 0, epsilon: 1e-3 }, { learningRate: 1, clipnorm: 1, weightDecay: 0.01 }]) {
    it(`passes the conformance harness with ${JSON.stringify(options)}`, () => {
      runOptimizerTest({ create: () => adagrad(options), fromConfig: (config) => Adagrad.fromConfig(config) });
    });
  }

  it('starts the accumulator at initialAccumulatorValue: w -= lr * g / sqrt(a0 + g² + epsilon)', () => {
    const before = tf.memory().numTensors;
    const w = tf.tidy(() => tf.variable(tf.tensor1d([1, 1])));
    const g = tf.tensor1d([2, -0.5]);
    const optimizer = adagrad({ learningRate: 0.1, initialAccumulatorValue: 0.25, epsilon: 0 });
    optimizer.applyGradients([{ variable: w, gradient: g }]);
    const [a, b] = w.dataSync();
    expect(a).toBeCloseTo(1 - (0.1 * 2) / Math.sqrt(4.25), 6);
    expect(b).toBeCloseTo(1 + (0.1 * 0.5) / Math.sqrt(0.5), 6);
    const state = optimizer.getState();
    expect(Array.from(state.slots[0]!.values['accumulator']!.dataSync())).toEqual([4.25, 0.5]);
    disposeOptimizerState(state);
    optimizer.dispose();
    tf.dispose([w, g]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    [{ initialAccumulatorValue: -0.1 }, 'Adagrad: received an invalid value for `initialAccumulatorValue`, expected a number in [0, inf). Received: initialAccumulatorValue=-0.1'],
    [{ epsilon: -1 }, /`epsilon`, expected a number in \[0, inf\)/],
    [{ learningRate: 0 }, /`learningRate`, expected a number in \(0, inf\)/],
    [{ rho: 0.9 }, /Adagrad: unknown option `rho`/],
  ])('rejects %j', (options, message) => {
    expect(() => new Adagrad(options as never)).toThrow(LayerwiseError);
    expect(() => new Adagrad(options as never)).toThrow(message);
  });
});
