import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LayerwiseError, useBackend } from '@layerwise/core';
import { Ftrl, ftrl } from './ftrl.js';
import { KERAS_BASE_OFF } from './test-utils.js';
import { runOptimizerTest } from './testing/conformance.js';

describe('Ftrl', () => {
  beforeAll(() => useBackend('cpu'));

  it('has Keras defaults and config', () => {
    const optimizer = ftrl();
    expect(optimizer).toBeInstanceOf(Ftrl);
    expect(optimizer.className).toBe('Ftrl');
    expect(optimizer.getConfig()).toEqual({
      name: 'ftrl',
      learning_rate: 0.001,
      ...KERAS_BASE_OFF,
      learning_rate_power: -0.5,
      initial_accumulator_value: 0.1,
      l1_regularization_strength: 0,
      l2_regularization_strength: 0,
      l2_shrinkage_regularization_strength: 0,
      beta: 0,
    });
  });

  for (const options of [
    { learningRate: 0.5 },
    { learningRate: 0.5, l1RegularizationStrength: 0.01, l2RegularizationStrength: 0.01, beta: 0.1 },
    { learningRate: 0.5, learningRatePower: 0, initialAccumulatorValue: 0, l2ShrinkageRegularizationStrength: 0.01 },
  ]) {
    it(`passes the conformance harness with ${JSON.stringify(options)}`, () => {
      runOptimizerTest({ create: () => ftrl(options), fromConfig: (config) => Ftrl.fromConfig(config) });
    });
  }

  it('first step: z = g - (sqrt(n0 + g²) - sqrt(n0)) / lr * w, w = -z / (sqrt(n0 + g²) / lr), or 0 where |z| <= l1', () => {
    const before = tf.memory().numTensors;
    const w = tf.tidy(() => tf.variable(tf.tensor1d([0.5, 0.5])));
    const g = tf.tensor1d([1, 0.02]);
    const optimizer = ftrl({ learningRate: 0.1, l1RegularizationStrength: 0.1 });
    optimizer.applyGradients([{ variable: w, gradient: g }]);
    const z0 = 1 - ((Math.sqrt(1.1) - Math.sqrt(0.1)) / 0.1) * 0.5; // about -2.66: beyond l1
    const z1 = 0.02 - ((Math.sqrt(0.1004) - Math.sqrt(0.1)) / 0.1) * 0.5; // about 0.016: within l1
    expect(Math.abs(z0)).toBeGreaterThan(0.1);
    expect(Math.abs(z1)).toBeLessThan(0.1);
    const [a, b] = w.dataSync();
    expect(a).toBeCloseTo((0.1 * Math.sign(z0) - z0) / (Math.sqrt(1.1) / 0.1), 6); // clip(z, -l1, l1) = l1 * sign(z)
    expect(b).toBe(0);
    optimizer.dispose();
    tf.dispose([w, g]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    [{ learningRatePower: 0.5 }, 'Ftrl: received an invalid value for `learningRatePower`, expected a number in (-inf, 0]. Received: learningRatePower=0.5'],
    [{ initialAccumulatorValue: -1 }, /`initialAccumulatorValue`, expected a number in \[0, inf\)/],
    [{ l1RegularizationStrength: -0.1 }, /`l1RegularizationStrength`, expected a number in \[0, inf\)\. Received: l1RegularizationStrength=-0.1/],
    [{ l2RegularizationStrength: -0.1 }, /`l2RegularizationStrength`/],
    [{ l2ShrinkageRegularizationStrength: -0.1 }, /`l2ShrinkageRegularizationStrength`/],
    [{ beta: -1 }, /`beta`, expected a number in \[0, inf\)/],
    [{ l1: 0.1 }, /Ftrl: unknown option `l1`/],
  ])('rejects %j', (options, message) => {
    expect(() => new Ftrl(options as never)).toThrow(LayerwiseError);
    expect(() => new Ftrl(options as never)).toThrow(message);
  });
});
