import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LayerwiseError, useBackend } from '@layerwise/core';
import { Adamax, adamax } from './adamax.js';
import { KERAS_BASE_OFF } from './test-utils.js';
import { runOptimizerTest } from './testing/conformance.js';

describe('Adamax', () => {
  beforeAll(() => useBackend('cpu'));

  it('has Keras defaults and config', () => {
    const optimizer = adamax();
    expect(optimizer).toBeInstanceOf(Adamax);
    expect(optimizer.className).toBe('Adamax');
    expect(optimizer.getConfig()).toEqual({ name: 'adamax', learning_rate: 0.001, ...KERAS_BASE_OFF, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7 });
  });

  for (const options of [{ learningRate: 0.1 }, { learningRate: 0.1, beta1: 0.5, beta2: 0.9, epsilon: 0.01 }, { learningRate: 0.1, gradientAccumulationSteps: 2 }]) {
    it(`passes the conformance harness with ${JSON.stringify(options)}`, () => {
      const steps = options.gradientAccumulationSteps;
      runOptimizerTest({
        create: () => adamax(options),
        fromConfig: (config) => Adamax.fromConfig(config),
        ...(steps ? { iterationsAfter: (calls: number) => Math.floor(calls / steps) } : {}),
      });
    });
  }

  it('first step is lr * g / (|g| + epsilon), the bias correction cancelling (1 - beta1)', () => {
    const before = tf.memory().numTensors;
    const w = tf.tidy(() => tf.variable(tf.zeros([3])));
    const g = tf.tensor1d([3, -0.5, 0.001]);
    const optimizer = adamax({ learningRate: 0.1, epsilon: 0.01 });
    optimizer.applyGradients([{ variable: w, gradient: g }]);
    const expected = [3, -0.5, 0.001].map((gi) => (-0.1 * gi) / (Math.abs(gi) + 0.01));
    Array.from(w.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
    optimizer.dispose();
    tf.dispose([w, g]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    [{ beta2: 1 }, 'Adamax: received an invalid value for `beta2`, expected a number in [0, 1). Received: beta2=1'],
    [{ epsilon: '1e-7' }, /`epsilon`, expected a number in \[0, inf\)/],
    [{ amsgrad: true }, /Adamax: unknown option `amsgrad`/],
  ])('rejects %j', (options, message) => {
    expect(() => new Adamax(options as never)).toThrow(LayerwiseError);
    expect(() => new Adamax(options as never)).toThrow(message);
  });
});
