import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sequential } from '../../models/sequential.js';
import { runLayerTest } from '../../testing/index.js';
import { dense } from '../dense.js';
import { batchNormalization } from './batch-normalization.js';

beforeAll(() => useBackend('cpu'));

interface Case {
  name: string;
  shape: number[];
  epsilon: number;
  momentum: number;
  [key: string]: unknown;
}
const { cases } = JSON.parse(readFileSync(resolve(__dirname, '../../../fixtures/norm.json'), 'utf8')) as { cases: Case[] };
const close = (actual: ArrayLike<number>, expected: number[], what: string) => {
  expected.forEach((e, i) => {
    if (Math.abs(actual[i]! - e) > 1e-4 * Math.max(1, Math.abs(e))) throw new Error(`${what}[${i}]: ${actual[i]} vs PyTorch ${e}`);
  });
};

describe('BatchNormalization against PyTorch', () => {
  for (const c of cases) {
    it(`${c.name}: training output, gradients and moving averages; inference output`, () => {
      const num = (k: string) => c[k] as number[];
      const layer = batchNormalization({ momentum: c.momentum, epsilon: c.epsilon });
      const x = tf.tensor(num('x'), c.shape);
      const r = tf.tensor(num('r'), c.shape);
      layer.ensureBuilt(x.shape);
      layer.setWeights([tf.tensor1d(num('gamma')), tf.tensor1d(num('beta')), tf.tensor1d(num('movingMean')), tf.tensor1d(num('movingVariance'))]);
      close(layer.apply(x, { training: false }).dataSync(), num('yInference'), 'inference y');
      const [gamma, beta] = layer.trainableWeights.map((w) => w.variable);
      const { grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x, { training: true }), r)) as tf.Scalar, [gamma!, beta!]);
      close(grads[gamma!.name]!.dataSync(), num('dgamma'), 'dgamma');
      close(grads[beta!.name]!.dataSync(), num('dbeta'), 'dbeta');
      const [, , mm, mv] = layer.getWeights();
      close(mm!.dataSync(), num('newMovingMean'), 'moving_mean');
      close(mv!.dataSync(), num('newMovingVariance'), 'moving_variance');
      layer.setWeights([tf.tensor1d(num('gamma')), tf.tensor1d(num('beta')), tf.tensor1d(num('movingMean')), tf.tensor1d(num('movingVariance'))]);
      close(layer.apply(x, { training: true }).dataSync(), num('yTrain'), 'training y');
      const dx = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(layer.apply(input, { training: true }), r)))(x);
      close(dx.dataSync(), num('dx'), 'dx');
      layer.dispose();
    });
  }
});

describe('BatchNormalization', () => {
  it('passes the conformance harness with Keras weight counts', () => {
    runLayerTest({ create: () => batchNormalization(), inputShape: [4, 3, 3, 5], expectedOutputShape: [4, 3, 3, 5], expectedWeights: { trainable: 2, nonTrainable: 2 }, expectedParams: 20 });
  });

  it('runs in inference mode when frozen, so fit leaves its statistics alone', async () => {
    const model = sequential([dense({ units: 4, inputShape: [3] }), batchNormalization({ name: 'bn' })]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const bn = model.layers[1]!;
    bn.trainable = false;
    const before = bn.getWeights();
    const x = tf.randomNormal([16, 3], 0, 1, 'float32', 1);
    const y = tf.randomNormal([16, 4], 0, 1, 'float32', 2);
    await model.fit(x, y, { epochs: 2, verbose: 0 });
    const after = bn.getWeights();
    after.forEach((w, i) => expect(Array.from(w.dataSync())).toEqual(Array.from(before[i]!.dataSync())));
    expect(model.summary({ printFn: () => {} })).toContain('Non-trainable params: 16');
    bn.trainable = true;
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    expect(Array.from(bn.getWeights()[2]!.dataSync())).not.toEqual(Array.from(before[2]!.dataSync()));
    model.dispose();
  });

  it('rejects bad arguments naming them', () => {
    expect(() => batchNormalization({ momentum: 2 })).toThrow(/`momentum`.*Received: momentum=2/);
    expect(() => batchNormalization({ epsilon: 0 })).toThrow(/`epsilon`/);
  });
});

describe('freezing a whole model', () => {
  it('freezes every layer, BatchNormalization statistics included', async () => {
    const model = sequential([dense({ units: 2, inputShape: [3] }), batchNormalization()]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    model.trainable = false;
    expect(model.layers.every((l) => !l.trainable)).toBe(true);
    const before = model.getWeights();
    const x = tf.randomNormal([8, 3], 0, 1, 'float32', 3);
    const y = tf.zeros([8, 2]);
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    model.getWeights().forEach((w, i) => expect(Array.from(w.dataSync())).toEqual(Array.from(before[i]!.dataSync())));
    model.dispose();
  });
});
