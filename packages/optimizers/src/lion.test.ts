import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LayerwiseError, useBackend } from '@layerwise/core';
import { Lion, lion } from './lion.js';
import { KERAS_BASE_OFF } from './test-utils.js';
import { runOptimizerTest } from './testing/conformance.js';

describe('Lion', () => {
  beforeAll(() => useBackend('cpu'));

  it('has Keras defaults and config', () => {
    const optimizer = lion();
    expect(optimizer).toBeInstanceOf(Lion);
    expect(optimizer.className).toBe('Lion');
    expect(optimizer.getConfig()).toEqual({ name: 'lion', learning_rate: 0.001, ...KERAS_BASE_OFF, beta_1: 0.9, beta_2: 0.99 });
  });

  for (const options of [{ learningRate: 0.1 }, { learningRate: 0.1, beta1: 1, beta2: 0 }, { learningRate: 0.1, weightDecay: 0.1, clipvalue: 1 }]) {
    it(`passes the conformance harness with ${JSON.stringify(options)}`, () => {
      runOptimizerTest({ create: () => lion(options), fromConfig: (config) => Lion.fromConfig(config) });
    });
  }

  it('moves every element by exactly lr in the sign of beta1 * m + (1 - beta1) * g', () => {
    const before = tf.memory().numTensors;
    const w = tf.tidy(() => tf.variable(tf.ones([3])));
    const g = tf.tensor1d([2, -3, 0]);
    const zero = tf.zeros([3]);
    const optimizer = lion({ learningRate: 0.25 });
    optimizer.applyGradients([{ variable: w, gradient: g }]); // m = 0: the sign of g
    expect(Array.from(w.dataSync())).toEqual([0.75, 1.25, 1]);
    optimizer.applyGradients([{ variable: w, gradient: zero }]); // g = 0: the sign of m = 0.01 * g1
    expect(Array.from(w.dataSync())).toEqual([0.5, 1.5, 1]);
    optimizer.dispose();
    tf.dispose([w, g, zero]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    [{ beta1: 0 }, 'Lion: received an invalid value for `beta1`, expected a number in (0, 1]. Received: beta1=0'],
    [{ beta1: 1.5 }, /beta1=1\.5/],
    [{ beta2: 1 }, 'Lion: received an invalid value for `beta2`, expected a number in [0, 1). Received: beta2=1'],
    [{ epsilon: 1e-7 }, /Lion: unknown option `epsilon`/],
  ])('rejects %j', (options, message) => {
    expect(() => new Lion(options as never)).toThrow(LayerwiseError);
    expect(() => new Lion(options as never)).toThrow(message);
  });
});
