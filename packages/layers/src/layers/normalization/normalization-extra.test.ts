import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runLayerTest } from '../../testing/index.js';
import { groupNormalization } from './group-normalization.js';
import { layerNormalization } from './layer-normalization.js';
import { unitNormalization } from './unit-normalization.js';

beforeAll(() => useBackend('cpu'));

interface NormCase {
  layer: 'LayerNormalization' | 'GroupNormalization';
  name: string;
  shape: number[];
  axis?: number[];
  groups?: number;
  epsilon: number;
  gammaShape: number[];
  [key: string]: unknown;
}
const { cases } = JSON.parse(readFileSync(resolve(__dirname, '../../../fixtures/extra_norm.json'), 'utf8')) as { cases: NormCase[] };
const close = (actual: tf.Tensor, expected: number[], what: string) => {
  const a = actual.dataSync();
  expect(a.length, `${what}: size`).toBe(expected.length);
  expected.forEach((e, i) => {
    if (!(Math.abs(a[i]! - e) <= 1e-4 * Math.max(1, Math.abs(e)))) throw new Error(`${what}[${i}]: ${a[i]} vs PyTorch ${e}`);
  });
};

describe('LayerNormalization and GroupNormalization against PyTorch', () => {
  for (const c of cases) {
    it(`${c.name}: output and gradients of x, gamma, beta`, () => {
      const before = tf.memory().numTensors;
      const num = (k: string) => c[k] as number[];
      const layer = c.layer === 'LayerNormalization' ? layerNormalization({ axis: c.axis!, epsilon: c.epsilon }) : groupNormalization({ groups: c.groups!, epsilon: c.epsilon });
      const x = tf.tensor(num('x'), c.shape);
      const r = tf.tensor(num('r'), c.shape);
      layer.ensureBuilt(x.shape);
      const weights = [tf.tensor(num('gamma'), c.gammaShape), tf.tensor(num('beta'), c.gammaShape)];
      layer.setWeights(weights);
      const y = layer.apply(x, { training: true });
      close(y, num('y'), 'y');
      const [gamma, beta] = layer.trainableWeights.map((w) => w.variable);
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x, { training: true }), r)) as tf.Scalar, [gamma!, beta!]);
      close(grads[gamma!.name]!, num('dgamma'), 'dgamma');
      close(grads[beta!.name]!, num('dbeta'), 'dbeta');
      const dx = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(layer.apply(input), r)))(x);
      close(dx, num('dx'), 'dx');
      tf.dispose([x, r, y, value, dx, ...weights]);
      tf.dispose(grads);
      layer.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

describe('normalisation layers', () => {
  it('pass the conformance harness with Keras weight counts', () => {
    runLayerTest({ create: () => layerNormalization(), inputShape: [3, 4, 5], expectedOutputShape: [3, 4, 5], expectedWeights: { trainable: 2, nonTrainable: 0 }, expectedParams: 10 });
    runLayerTest({ create: () => layerNormalization({ axis: [1, 2], center: false }), inputShape: [3, 4, 5], expectedOutputShape: [3, 4, 5], expectedWeights: { trainable: 1, nonTrainable: 0 }, expectedParams: 20 });
    runLayerTest({ create: () => groupNormalization({ groups: 2 }), inputShape: [2, 3, 3, 4], expectedOutputShape: [2, 3, 3, 4], expectedWeights: { trainable: 2, nonTrainable: 0 }, expectedParams: 8 });
    runLayerTest({ create: () => groupNormalization({ groups: 3, axis: 1, gammaRegularizer: 'l2', betaConstraint: 'nonNeg' }), inputShape: [2, 6, 4], expectedOutputShape: [2, 6, 4], expectedWeights: { trainable: 2, nonTrainable: 0 } });
    runLayerTest({ create: () => unitNormalization({ axis: [1, 2] }), inputShape: [2, 3, 4], expectedOutputShape: [2, 3, 4], expectedWeights: { trainable: 0, nonTrainable: 0 } });
  });

  it('UnitNormalization gives unit L2 norms along its axes', () => {
    const y = unitNormalization().apply(tf.tensor2d([[3, 4], [0, 0]]));
    expect(Array.from(y.dataSync())).toEqual([0.6, 0.8, 0, 0].map(Math.fround));
  });

  it('GroupNormalization with groups = 1 equals LayerNormalization over all sample axes', () => {
    const x = tf.randomNormal([2, 3, 4], 0, 1, 'float32', 3);
    const g = groupNormalization({ groups: 1 }).apply(x).dataSync();
    const l = layerNormalization({ axis: [1, 2] }).apply(x).dataSync();
    g.forEach((v, i) => expect(v).toBeCloseTo(l[i]!, 5));
  });

  it('rejects bad arguments naming the layer, the argument and the value', () => {
    expect(() => groupNormalization({ groups: 3 }).apply(tf.zeros([2, 4]))).toThrow(/GroupNormalization "group_normalization.*groups=3 must divide the 4 channels/);
    expect(() => groupNormalization({ groups: 0 })).toThrow(/`groups`.*Received: groups=0/);
    expect(() => layerNormalization({ axis: [1, 1] })).toThrow(/`axis`/);
    expect(() => layerNormalization({ axis: 0 }).apply(tf.zeros([2, 3]))).toThrow(/batch axis/);
    expect(() => layerNormalization({ epsilon: -1 })).toThrow(/`epsilon`/);
  });
});
