import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LayerwiseError, useBackend } from '@layerwise/core';
import { Nadam, nadam } from './nadam.js';
import { disposeOptimizerState } from './state.js';
import { KERAS_BASE_OFF } from './test-utils.js';
import { runOptimizerTest } from './testing/conformance.js';

describe('Nadam', () => {
  beforeAll(() => useBackend('cpu'));

  it('has Keras defaults and config', () => {
    const optimizer = nadam();
    expect(optimizer).toBeInstanceOf(Nadam);
    expect(optimizer.className).toBe('Nadam');
    expect(optimizer.getConfig()).toEqual({ name: 'nadam', learning_rate: 0.001, ...KERAS_BASE_OFF, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7 });
  });

  for (const options of [{ learningRate: 0.1 }, { learningRate: 0.1, beta1: 0.5, beta2: 0.9, epsilon: 0.01 }, { learningRate: 0.1, globalClipnorm: 1, useEma: true }]) {
    it(`passes the conformance harness with ${JSON.stringify(options)}`, () => {
      runOptimizerTest({ create: () => nadam(options), fromConfig: (config) => Nadam.fromConfig(config) });
    });
  }

  it('first step, from the momentum schedule u_t = 0.9 * (1 - 0.5 * 0.96^t)', () => {
    const before = tf.memory().numTensors;
    const w = tf.tidy(() => tf.variable(tf.zeros([2])));
    const g = tf.tensor1d([2, -0.5]);
    const optimizer = nadam({ learningRate: 0.1, epsilon: 0 });
    optimizer.applyGradients([{ variable: w, gradient: g }]);
    // m = 0.1 g, v̂ = g², u1 = 0.468, u2 = 0.48528, P1 = u1.
    const mHat = (gi: number) => (0.48528 * 0.1 * gi) / (1 - 0.468 * 0.48528) + ((1 - 0.468) * gi) / (1 - 0.468);
    [2, -0.5].forEach((gi, i) => expect(w.dataSync()[i]).toBeCloseTo((-0.1 * mHat(gi)) / Math.abs(gi), 6));
    optimizer.dispose();
    tf.dispose([w, g]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('computes the momentum product from the iteration count, so a rewound optimizer repeats its steps exactly', () => {
    const before = tf.memory().numTensors;
    const w = tf.tidy(() => tf.variable(tf.ones([2])));
    const g = tf.tensor1d([0.3, -0.2]);
    const optimizer = nadam({ learningRate: 0.05 });
    for (let i = 0; i < 5; i++) optimizer.applyGradients([{ variable: w, gradient: g }]);
    const state = optimizer.getState();
    const saved = tf.clone(w);
    optimizer.applyGradients([{ variable: w, gradient: g }]);
    const after = w.dataSync().slice();
    // Run further ahead, then rewind: the cached product must not carry over.
    for (let i = 0; i < 3; i++) optimizer.applyGradients([{ variable: w, gradient: g }]);
    w.assign(saved);
    optimizer.setState(state);
    optimizer.applyGradients([{ variable: w, gradient: g }]);
    expect(Array.from(w.dataSync())).toEqual(Array.from(after));
    disposeOptimizerState(state);
    optimizer.dispose();
    tf.dispose([w, g, saved]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    [{ beta1: -0.1 }, 'Nadam: received an invalid value for `beta1`, expected a number in [0, 1). Received: beta1=-0.1'],
    [{ epsilon: -1 }, /`epsilon`, expected a number in \[0, inf\)/],
    [{ momentumDecay: 0.004 }, /Nadam: unknown option `momentumDecay`/],
  ])('rejects %j', (options, message) => {
    expect(() => new Nadam(options as never)).toThrow(LayerwiseError);
    expect(() => new Nadam(options as never)).toThrow(message);
  });
});
