import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activationOps, getActivation } from '../../activations.js';
import { leakyReLU, reLU, softmax } from '../activations/relu-family.js';
import { elu } from './elu.js';

beforeAll(() => useBackend('cpu'));

interface ActivationCase {
  name: string;
  x: number[];
  r: number[];
  y: number[];
  dx: number[];
}
const { cases } = JSON.parse(readFileSync(resolve(__dirname, '../../../fixtures/extra_activations.json'), 'utf8')) as { cases: ActivationCase[] };

/** Each fixture name → the function under test: names by string, the parametric forms through activationOps and the layers. */
const subjects: Record<string, (x: tf.Tensor) => tf.Tensor> = {
  softmax: (x) => tf.reshape(getActivation('softmax')(tf.reshape(x, [6, 8])), [-1]),
  'leakyRelu(0.1)': (x) => activationOps.leakyRelu(x, 0.1),
  'elu(0.5)': (x) => activationOps.elu(x, 0.5),
  'gelu(approximate)': (x) => activationOps.gelu(x, true),
  'softmax(axis 0)': (x) => tf.reshape(activationOps.softmax(tf.reshape(x, [6, 8]), 0), [-1]),
  'softmax(axis 1 of 3)': (x) => tf.reshape(activationOps.softmax(tf.reshape(x, [2, 3, 8]), 1), [-1]),
  'relu(maxValue 2, negativeSlope 0.1, threshold 0.5)': (x) => activationOps.relu(x, { maxValue: 2, negativeSlope: 0.1, threshold: 0.5 }),
};
const layerSubjects: Record<string, (x: tf.Tensor) => tf.Tensor> = {
  'leakyRelu(0.1)': (x) => leakyReLU({ negativeSlope: 0.1 }).apply(x),
  'elu(0.5)': (x) => elu({ alpha: 0.5 }).apply(x),
  'softmax(axis 1 of 3)': (x) => tf.reshape(softmax({ axis: 1 }).apply(tf.reshape(x, [2, 3, 8])), [-1]),
  'relu(maxValue 2, negativeSlope 0.1, threshold 0.5)': (x) => reLU({ maxValue: 2, negativeSlope: 0.1, threshold: 0.5 }).apply(x),
};

const close = (actual: tf.Tensor, expected: number[], what: string) => {
  const a = actual.dataSync();
  expected.forEach((e, i) => {
    if (!(Math.abs(a[i]! - e) <= 1e-4 * Math.max(1, Math.abs(e)))) throw new Error(`${what}[${i}]: ${a[i]} vs PyTorch ${e}`);
  });
};

describe('activations against PyTorch: values and gradients', () => {
  for (const c of cases.filter((k) => k.name !== 'PReLU')) {
    it(c.name, () => {
      const fns = [subjects[c.name] ?? getActivation(c.name), ...(layerSubjects[c.name] ? [layerSubjects[c.name]!] : [])];
      for (const fn of fns) {
        const x = tf.tensor1d(c.x);
        const r = tf.tensor1d(c.r);
        const y = fn(x);
        close(y, c.y, `${c.name}(x)`);
        const dx = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(fn(input), r)))(x);
        close(dx, c.dx, `d ${c.name}/dx`);
        tf.dispose([x, r, y, dx]);
      }
    });
  }
  it('every activation name has a case', () => {
    for (const name of ['relu', 'relu6', 'leakyRelu', 'elu', 'selu', 'gelu', 'swish', 'silu', 'mish', 'softplus', 'softsign', 'sigmoid', 'hardSigmoid', 'tanh', 'softmax', 'exponential', 'linear']) {
      expect(cases.some((c) => c.name === name), name).toBe(true);
    }
  });
});
