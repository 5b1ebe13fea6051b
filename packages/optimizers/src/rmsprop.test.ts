import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LayerwiseError, useBackend } from '@layerwise/core';
import { RMSprop, rmsprop } from './rmsprop.js';
import { disposeOptimizerState } from './state.js';
import { KERAS_BASE_OFF } from './test-utils.js';
import { runOptimizerTest } from './testing/conformance.js';

describe('RMSprop', () => {
  beforeAll(() => useBackend('cpu'));

  it('has Keras defaults and config', () => {
    const optimizer = rmsprop();
    expect(optimizer).toBeInstanceOf(RMSprop);
    expect(optimizer.className).toBe('RMSprop');
    expect(optimizer.getConfig()).toEqual({ name: 'rmsprop', learning_rate: 0.001, ...KERAS_BASE_OFF, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false });
  });

  for (const options of [
    { learningRate: 0.05 },
    { learningRate: 0.02, momentum: 0.5 },
    { learningRate: 0.05, centered: true },
    { learningRate: 0.02, momentum: 0.5, centered: true, rho: 0.8, epsilon: 1e-3 },
  ]) {
    it(`passes the conformance harness with ${JSON.stringify(options)}`, () => {
      runOptimizerTest({ create: () => rmsprop(options), fromConfig: (config) => RMSprop.fromConfig(config) });
    });
  }

  it('keeps the slots its configuration needs', () => {
    const before = tf.memory().numTensors;
    const w = tf.tidy(() => tf.variable(tf.zeros([3])));
    const g = tf.ones([3]);
    const cases = [
      [rmsprop(), ['velocity']],
      [rmsprop({ momentum: 0.5 }), ['velocity', 'momentum']],
      [rmsprop({ momentum: 0.5, centered: true }), ['velocity', 'momentum', 'average_gradient']],
    ] as const;
    for (const [optimizer, slots] of cases) {
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
    [{ learningRate: -0.5 }, /RMSprop: received an invalid value for `learningRate`, expected a number in \(0, inf\)\. Received: learningRate=-0\.5/],
    [{ rho: 1 }, /RMSprop: received an invalid value for `rho`, expected a number in \[0, 1\)\. Received: rho=1/],
    [{ rho: -0.1 }, /rho=-0\.1/],
    [{ momentum: 1.5 }, /`momentum`, expected a number in \[0, 1\)\. Received: momentum=1\.5/],
    [{ epsilon: -1e-7 }, /RMSprop: received an invalid value for `epsilon`, expected a number in \[0, inf\)\. Received: epsilon=-1e-7/],
    [{ centered: 1 }, /`centered`, expected a boolean/],
    [{ alpha: 0.9 }, /RMSprop: unknown option `alpha`/],
  ])('rejects %j', (options, message) => {
    expect(() => rmsprop(options as never)).toThrow(LayerwiseError);
    expect(() => rmsprop(options as never)).toThrow(message);
  });
});
