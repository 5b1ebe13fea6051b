import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sequential } from '../../models/sequential.js';
import { runLayerTest } from '../../testing/index.js';
import { dense } from '../dense.js';
import { flatten } from '../flatten.js';
import { averagePooling2d, maxPooling2d } from '../pooling/pooling2d.js';
import { globalAveragePooling2d, globalMaxPooling2d } from '../pooling/global-pooling2d.js';
import { conv2d } from './conv2d.js';
import type { Layer } from '../../engine/layer.js';

beforeAll(() => useBackend('cpu'));

interface Case {
  layer: string;
  name: string;
  args: Record<string, unknown>;
  xShape: number[];
  x: number[];
  kernel?: number[];
  bias?: number[];
  r: number[];
  yShape: number[];
  y: number[];
  dx: number[];
  dkernel?: number[];
  dbias?: number[];
}
const fixtures = JSON.parse(readFileSync(resolve(__dirname, '../../../fixtures/conv.json'), 'utf8')) as { cases: Case[] };

function expectClose(actual: ArrayLike<number>, expected: number[], what: string) {
  expect(actual.length, what).toBe(expected.length);
  const scale = Math.max(...expected.map(Math.abs), 1);
  for (let i = 0; i < expected.length; i++) {
    const tolerance = 1e-4 * Math.max(Math.abs(expected[i]!), 1e-2 * scale);
    if (Math.abs(actual[i]! - expected[i]!) > tolerance) throw new Error(`${what}[${i}]: ${actual[i]} vs PyTorch ${expected[i]}`);
  }
}

describe('convolution and pooling against PyTorch', () => {
  for (const c of fixtures.cases) {
    it(`${c.layer} ${c.name}: forward and gradients`, () => {
      const make: Record<string, (args: never) => Layer> = { Conv2D: conv2d, MaxPooling2D: maxPooling2d, AveragePooling2D: averagePooling2d };
      const layer = make[c.layer]!(c.args as never);
      const x = tf.tensor(c.x, c.xShape);
      const r = tf.tensor(c.r, c.yShape);
      layer.ensureBuilt(x.shape);
      if (c.kernel) {
        const [kernel] = layer.weights.map((w) => w.variable.shape);
        layer.setWeights([tf.tensor(c.kernel, kernel!), tf.tensor1d(c.bias!)]);
      }
      const y = layer.apply(x);
      expect(y.shape).toEqual(c.yShape);
      expectClose(y.dataSync(), c.y, 'y');
      const vars = layer.trainableWeights.map((w) => w.variable);
      const dx = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(layer.apply(input), r)))(x);
      expectClose(dx.dataSync(), c.dx, 'dx');
      if (vars.length) {
        const { grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x), r)) as tf.Scalar, vars);
        expectClose(grads[vars[0]!.name]!.dataSync(), c.dkernel!, 'dkernel');
        expectClose(grads[vars[1]!.name]!.dataSync(), c.dbias!, 'dbias');
        tf.dispose(grads);
      }
      tf.dispose([x, r, y, dx]);
      layer.dispose();
    });
  }
});

describe('convolution and pooling conformance', () => {
  it('Conv2D', () => {
    runLayerTest({ create: () => conv2d({ filters: 4, kernelSize: 3, activation: 'relu' }), inputShape: [2, 7, 6, 3], expectedOutputShape: [2, 5, 4, 4], expectedWeights: { trainable: 2, nonTrainable: 0 }, expectedParams: 112 });
    runLayerTest({ create: () => conv2d({ filters: 2, kernelSize: [2, 3], strides: 2, padding: 'same', useBias: false }), inputShape: [1, 5, 7, 2], expectedOutputShape: [1, 3, 4, 2], expectedWeights: { trainable: 1, nonTrainable: 0 }, expectedParams: 24 });
  });
  it('pooling', () => {
    runLayerTest({ create: () => maxPooling2d({ poolSize: 2 }), inputShape: [2, 5, 7, 3], expectedOutputShape: [2, 2, 3, 3], expectedWeights: { trainable: 0, nonTrainable: 0 } });
    runLayerTest({ create: () => averagePooling2d({ poolSize: 3, strides: 1, padding: 'same' }), inputShape: [1, 4, 4, 2], expectedOutputShape: [1, 4, 4, 2], expectedWeights: { trainable: 0, nonTrainable: 0 } });
    runLayerTest({ create: () => globalAveragePooling2d(), inputShape: [2, 3, 4, 5], expectedOutputShape: [2, 5], expectedWeights: { trainable: 0, nonTrainable: 0 } });
    runLayerTest({ create: () => globalMaxPooling2d({ keepdims: true }), inputShape: [2, 3, 4, 5], expectedOutputShape: [2, 1, 1, 5], expectedWeights: { trainable: 0, nonTrainable: 0 } });
  });
  it('rejects bad arguments naming the layer, argument and value', () => {
    expect(() => conv2d({ filters: 0, kernelSize: 3 })).toThrow(/Conv2D "conv2d(_\d+)?": received an invalid value for `filters`.*Received: filters=0/);
    expect(() => conv2d({ filters: 2, kernelSize: [3, 3, 3] })).toThrow(/`kernelSize`, expected a positive integer or 2 of them/);
    expect(() => conv2d({ filters: 2, kernelSize: 3, padding: 'full' as never })).toThrow(/`padding`.*Received: padding='full'/);
  });
});

describe('parameter counts of the seed models match Keras', () => {
  it('the cats-vs-dogs convnet has 3,453,121 parameters', () => {
    const model = sequential([
      conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [150, 150, 3] }),
      maxPooling2d({ poolSize: 2 }),
      conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
      maxPooling2d({ poolSize: 2 }),
      conv2d({ filters: 128, kernelSize: 3, activation: 'relu' }),
      maxPooling2d({ poolSize: 2 }),
      conv2d({ filters: 128, kernelSize: 3, activation: 'relu' }),
      maxPooling2d({ poolSize: 2 }),
      flatten(),
      dense({ units: 512, activation: 'relu' }),
      dense({ units: 1, activation: 'sigmoid' }),
    ]);
    const text = model.summary({ printFn: () => {} });
    expect(text).toContain('Total params: 3,453,121');
    expect(text).toMatch(/\(None, 7, 7, 128\)/);
    model.dispose();
  });
  it('the three-Conv model without pooling has 55,744', () => {
    const model = sequential([
      conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
      conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
      conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
    ]);
    expect(model.countParams()).toBe(55_744);
    expect(model.outputShape).toEqual([null, 22, 22, 64]);
    model.dispose();
  });
});

describe('AveragePooling2D with same padding', () => {
  it('averages only inside the input at the borders, forward and backward (as Keras)', () => {
    const layer = averagePooling2d({ poolSize: 2, strides: 1, padding: 'same' });
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
    const y = layer.apply(x);
    expect(Array.from(y.dataSync())).toEqual([3, 4, 4.5, 6, 7, 7.5, 7.5, 8.5, 9]);
    const dx = tf.grad((input: tf.Tensor) => tf.sum(layer.apply(input)))(x);
    expect(Array.from(dx.dataSync())).toEqual([0.25, 0.5, 0.75, 0.5, 1, 1.5, 0.75, 1.5, 2.25]);
    tf.dispose([x, y, dx]);
  });
});
