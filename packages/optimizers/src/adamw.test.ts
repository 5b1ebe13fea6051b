import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LayerwiseError, useBackend } from '@layerwise/core';
import { Adam } from './adam.js';
import { AdamW, adamw } from './adamw.js';
import { KERAS_BASE_OFF } from './test-utils.js';
import { runOptimizerTest } from './testing/conformance.js';

describe('AdamW', () => {
  beforeAll(() => useBackend('cpu'));

  it('has Keras defaults and config: Adam with weight_decay 0.004', () => {
    const optimizer = adamw();
    expect(optimizer).toBeInstanceOf(AdamW);
    expect(optimizer).toBeInstanceOf(Adam);
    expect(optimizer.className).toBe('AdamW');
    expect(optimizer.getConfig()).toEqual({
      name: 'adamw',
      learning_rate: 0.001,
      ...KERAS_BASE_OFF,
      weight_decay: 0.004,
      beta_1: 0.9,
      beta_2: 0.999,
      epsilon: 1e-7,
      amsgrad: false,
    });
    expect(new Adam().weightDecay).toBeNull(); // AdamW's defaults do not leak into Adam
  });

  for (const options of [{ learningRate: 0.1 }, { learningRate: 0.1, weightDecay: 0.5, amsgrad: true }, { learningRate: 0.05, weightDecay: 0, useEma: true }]) {
    it(`passes the conformance harness with ${JSON.stringify(options)}`, () => {
      runOptimizerTest({ create: () => adamw(options), fromConfig: (config) => AdamW.fromConfig(config) });
    });
  }

  it('decays the weights before the Adam step: w -= w * weightDecay * lr', () => {
    const before = tf.memory().numTensors;
    const w = tf.tidy(() => tf.variable(tf.tensor1d([2, -4])));
    const zero = tf.zeros([2]);
    const optimizer = adamw({ learningRate: 0.1, weightDecay: 0.5 });
    optimizer.applyGradients([{ variable: w, gradient: zero }]); // Adam's own step is 0 for a zero gradient
    expect(Array.from(w.dataSync())).toEqual([Math.fround(1.9), Math.fround(-3.8)]);
    optimizer.dispose();
    tf.dispose([w, zero]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    [{ weightDecay: null }, 'AdamW: received an invalid value for `weightDecay`, expected a number in [0, inf). Received: weightDecay=null'],
    [{ weightDecay: -1 }, 'AdamW: received an invalid value for `weightDecay`, expected a number in [0, inf). Received: weightDecay=-1'],
    [{ beta1: 1 }, 'AdamW: received an invalid value for `beta1`, expected a number in [0, 1). Received: beta1=1'],
    [{ weight_decay: 0.1 }, 'AdamW: unknown option `weight_decay`'],
  ])('rejects %j', (options, message) => {
    expect(() => new AdamW(options as never)).toThrow(LayerwiseError);
    expect(() => new AdamW(options as never)).toThrow(message);
  });
});
