import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runLayerTest } from '../testing/index.js';
import { activation, dense, dropout, flatten } from './index.js';

beforeAll(() => useBackend('cpu'));

describe('layer conformance', () => {
  it('Dense', () => {
    runLayerTest({
      create: () => dense({ units: 3, activation: 'tanh' }),
      inputShape: [2, 4],
      expectedOutputShape: [2, 3],
      expectedWeights: { trainable: 2, nonTrainable: 0 },
      expectedParams: 15,
    });
  });
  it('Dense without bias, on a rank-3 input', () => {
    runLayerTest({
      create: () => dense({ units: 5, useBias: false }),
      inputShape: [2, 3, 4],
      expectedOutputShape: [2, 3, 5],
      expectedWeights: { trainable: 1, nonTrainable: 0 },
      expectedParams: 20,
    });
  });
  it('frozen Dense: a training step is not expected and its weights count as non-trainable', () => {
    runLayerTest({
      create: () => dense({ units: 3, trainable: false }),
      inputShape: [2, 4],
      expectedOutputShape: [2, 3],
      expectedWeights: { trainable: 0, nonTrainable: 2 },
    });
  });
  it('Flatten', () => {
    runLayerTest({ create: () => flatten(), inputShape: [2, 3, 4, 5], expectedOutputShape: [2, 60], expectedWeights: { trainable: 0, nonTrainable: 0 } });
  });
  it('Dropout', () => {
    runLayerTest({ create: () => dropout({ rate: 0.3, seed: 1 }), inputShape: [4, 6], expectedOutputShape: [4, 6], expectedWeights: { trainable: 0, nonTrainable: 0 } });
  });
  it('Activation', () => {
    runLayerTest({ create: () => activation({ activation: 'softmax' }), inputShape: [4, 6], expectedOutputShape: [4, 6], expectedWeights: { trainable: 0, nonTrainable: 0 } });
  });
});

describe('Dense', () => {
  it('computes activation(x·W + b)', () => {
    const layer = dense({ units: 2, activation: 'relu' });
    const x = tf.tensor2d([[1, 2], [-3, 4]]);
    layer.ensureBuilt(x.shape);
    layer.setWeights([tf.tensor2d([[1, -1], [0.5, 2]]), tf.tensor1d([0.25, -10])]);
    const y = layer.apply(x);
    // [1*1+2*0.5+0.25, 1*-1+2*2-10] = [2.25, -7 -> 0]; [-3+2+0.25, 3+8-10] = [-0.75 -> 0, 1]
    expect(Array.from(y.dataSync())).toEqual([2.25, 0, 0, 1]);
    tf.dispose([x, y]);
    layer.dispose();
  });

  it('has gradients that agree with finite differences', () => {
    const layer = dense({ units: 3, activation: 'tanh', kernelInitializer: 'glorotNormal' });
    const x = tf.randomNormal([5, 4], 0, 1, 'float32', 11);
    const r = tf.randomNormal([5, 3], 0, 1, 'float32', 12);
    layer.ensureBuilt(x.shape);
    const loss = () => tf.sum(tf.mul(layer.apply(x), r)) as tf.Scalar;
    const [kernel, bias] = layer.trainableWeights.map((w) => w.variable);
    const { grads } = tf.variableGrads(loss, [kernel!, bias!]);
    const eps = 1e-2;
    for (const v of [kernel!, bias!]) {
      const analytic = grads[v.name]!.dataSync();
      const values = v.dataSync().slice();
      for (let i = 0; i < values.length; i++) {
        const probe = (delta: number) => {
          const copy = values.slice();
          copy[i]! += delta;
          v.assign(tf.tensor(copy, v.shape));
          return tf.tidy(() => loss().dataSync()[0]!);
        };
        const numeric = (probe(eps) - probe(-eps)) / (2 * eps);
        expect(analytic[i]!).toBeCloseTo(numeric, 2);
      }
      v.assign(tf.tensor(values, v.shape));
    }
    tf.dispose([x, r, grads]);
    layer.dispose();
  });

  it('rejects bad arguments naming the layer, the argument and the value', () => {
    expect(() => dense({ units: 0 })).toThrow(/Dense "dense(_\d+)?": received an invalid value for `units`, expected a positive integer\. Received: units=0/);
    expect(() => dense({ units: 2, activation: 'relux' })).toThrow(/unknown value for `activation`: 'relux'/);
    expect(() => dropout({ rate: 1 })).toThrow(/`rate`.*Received: rate=1/);
  });
});
