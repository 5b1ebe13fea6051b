import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activationNames, getActivation } from '../../activations.js';
import { runLayerTest } from '../../testing/index.js';
import { reshape } from '../reshaping/reshape.js';
import { leakyReLU, reLU, softmax } from './relu-family.js';

beforeAll(() => useBackend('cpu'));

const fixture = JSON.parse(readFileSync(resolve(__dirname, '../../../fixtures/activations.json'), 'utf8')) as { x: number[]; values: Record<string, number[]> };

describe('activations by name agree with PyTorch', () => {
  for (const name of activationNames.filter((n) => n !== 'softmax')) {
    it(name, () => {
      const expected = fixture.values[name];
      expect(expected, `no PyTorch fixture for ${name}`).toBeDefined();
      const x = tf.tensor1d(fixture.x);
      const y = getActivation(name)(x);
      y.dataSync().forEach((v, i) => expect(Math.abs(v - expected![i]!)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(expected![i]!))));
      tf.dispose([x, y]);
    });
  }
  it('accepts Keras snake_case aliases and names the unknown one', () => {
    expect(getActivation('leaky_relu')).toBe(getActivation('leakyRelu'));
    expect(() => getActivation('swishy', 'Dense "d"')).toThrow(/Dense "d": received an unknown value for `activation`: 'swishy'/);
  });
});

describe('activation and reshaping layers', () => {
  it('pass the conformance harness', () => {
    const none = { trainable: 0, nonTrainable: 0 };
    runLayerTest({ create: () => leakyReLU({ negativeSlope: 0.1 }), inputShape: [2, 5], expectedOutputShape: [2, 5], expectedWeights: none });
    runLayerTest({ create: () => reLU({ maxValue: 1, negativeSlope: 0.1, threshold: 0.2 }), inputShape: [2, 5], expectedOutputShape: [2, 5], expectedWeights: none });
    runLayerTest({ create: () => softmax({ axis: 1 }), inputShape: [2, 3, 4], expectedOutputShape: [2, 3, 4], expectedWeights: none });
    runLayerTest({ create: () => reshape({ targetShape: [3, -1] }), inputShape: [2, 4, 3], expectedOutputShape: [2, 3, 4], expectedWeights: none });
  });
  it('compute what Keras documents', () => {
    const x = tf.tensor1d([-2, -0.5, 0.1, 0.5, 3]);
    expect(Array.from(reLU({ maxValue: 1, negativeSlope: 0.5, threshold: 0.2 }).apply(x).dataSync())).toEqual(
      [-1.1, -0.35, -0.05, 0.5, 1].map((v) => Math.fround(v)),
    );
    const s = softmax({ axis: 0 }).apply(tf.tensor2d([[1, 2], [3, 4]]));
    expect(Array.from(s.dataSync()).map((v) => Number(v.toFixed(4)))).toEqual([0.1192, 0.1192, 0.8808, 0.8808]);
    expect(() => reshape({ targetShape: [5] }).apply(tf.zeros([2, 4]))).toThrow(/cannot reshape samples of shape \(4,\) to \(5,\)/);
    expect(() => reshape({ targetShape: [-1, -1] })).toThrow(/`targetShape`/);
  });
});
