import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LayerwiseError, useBackend } from '@layerwise/core';
import { Adadelta, adadelta } from './adadelta.js';
import { KERAS_BASE_OFF } from './test-utils.js';
import { runOptimizerTest } from './testing/conformance.js';

describe('Adadelta', () => {
  beforeAll(() => useBackend('cpu'));

  it('has Keras defaults and config', () => {
    const optimizer = adadelta();
    expect(optimizer).toBeInstanceOf(Adadelta);
    expect(optimizer.className).toBe('Adadelta');
    expect(optimizer.getConfig()).toEqual({ name: 'adadelta', learning_rate: 0.001, ...KERAS_BASE_OFF, rho: 0.95, epsilon: 1e-7 });
  });

  for (const options of [{ learningRate: 1, epsilon: 1e-3 }, { learningRate: 5, rho: 0.5, epsilon: 1e-2 }, { learningRate: 1, epsilon: 1e-3, useEma: true, emaOverwriteFrequency: 2 }]) {
    it(`passes the conformance harness with ${JSON.stringify(options)}`, () => {
      runOptimizerTest({ create: () => adadelta(options), fromConfig: (config) => Adadelta.fromConfig(config) });
    });
  }

  it('first step: Δ = -sqrt(epsilon) * g / sqrt((1 - rho) * g² + epsilon), w += lr * Δ', () => {
    const before = tf.memory().numTensors;
    const w = tf.tidy(() => tf.variable(tf.zeros([2])));
    const g = tf.tensor1d([1, -4]);
    const optimizer = adadelta({ learningRate: 2, rho: 0.5, epsilon: 0.01 });
    optimizer.applyGradients([{ variable: w, gradient: g }]);
    const expected = [1, -4].map((gi) => (2 * -Math.sqrt(0.01) * gi) / Math.sqrt(0.5 * gi * gi + 0.01));
    Array.from(w.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
    optimizer.dispose();
    tf.dispose([w, g]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    [{ rho: 1 }, 'Adadelta: received an invalid value for `rho`, expected a number in [0, 1). Received: rho=1'],
    [{ epsilon: Number.NaN }, /`epsilon`, expected a number in \[0, inf\)\. Received: epsilon=null/],
    [{ beta1: 0.9 }, /Adadelta: unknown option `beta1`/],
  ])('rejects %j', (options, message) => {
    expect(() => new Adadelta(options as never)).toThrow(LayerwiseError);
    expect(() => new Adadelta(options as never)).toThrow(message);
  });
});
