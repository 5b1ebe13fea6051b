import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LayerwiseError, useBackend } from '@layerwise/core';
import { SGD, sgd } from './sgd.js';
import { disposeOptimizerState } from './state.js';
import { KERAS_BASE_OFF } from './test-utils.js';
import { runOptimizerTest } from './testing/conformance.js';

describe('SGD', () => {
  beforeAll(() => useBackend('cpu'));

  it('has Keras defaults and config', () => {
    const optimizer = sgd();
    expect(optimizer).toBeInstanceOf(SGD);
    expect(optimizer.className).toBe('SGD');
    expect(optimizer.getConfig()).toEqual({ name: 'SGD', learning_rate: 0.01, ...KERAS_BASE_OFF, momentum: 0, nesterov: false });
    expect(new SGD({ learningRate: 0.2, momentum: 0.5, nesterov: true, name: 'fast' }).getConfig()).toEqual({
      name: 'fast',
      learning_rate: 0.2,
      ...KERAS_BASE_OFF,
      momentum: 0.5,
      nesterov: true,
    });
  });

  for (const options of [{ learningRate: 0.1 }, { learningRate: 0.05, momentum: 0.9 }, { learningRate: 0.05, momentum: 0.8, nesterov: true }]) {
    it(`passes the conformance harness with ${JSON.stringify(options)}`, () => {
      runOptimizerTest({ create: () => sgd(options), fromConfig: (config) => SGD.fromConfig(config) });
    });
  }

  it('keeps a momentum slot only when momentum is set', () => {
    const before = tf.memory().numTensors;
    const w = tf.tidy(() => tf.variable(tf.zeros([2])));
    const g = tf.ones([2]);
    for (const [optimizer, slots] of [[sgd(), []], [sgd({ momentum: 0.9 }), ['momentum']]] as const) {
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
    [{ learningRate: -1 }, /SGD: received an invalid value for `learningRate`, expected a number in \(0, inf\)\. Received: learningRate=-1/],
    [{ learningRate: 0 }, /learningRate=0/],
    [{ learningRate: Number.NaN }, /`learningRate`/],
    [{ momentum: -0.1 }, /SGD: received an invalid value for `momentum`, expected a number in \[0, 1\)\. Received: momentum=-0\.1/],
    [{ momentum: 1 }, /momentum=1/],
    [{ nesterov: 'yes' }, /`nesterov`, expected a boolean\. Received: nesterov='yes'/],
    [{ name: '' }, /`name`/],
    [{ momentun: 0.9 }, /SGD: unknown option `momentun`/],
  ])('rejects %j', (options, message) => {
    expect(() => new SGD(options as never)).toThrow(LayerwiseError);
    expect(() => new SGD(options as never)).toThrow(message);
  });
});
