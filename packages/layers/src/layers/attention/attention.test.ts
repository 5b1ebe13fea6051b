import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runLayerTest } from '../../testing/index.js';
import { additiveAttention } from './additive-attention.js';
import { attention } from './attention.js';
import { multiHeadAttention } from './multi-head-attention.js';

beforeAll(() => useBackend('cpu'));

interface AttentionCase {
  layer: 'MultiHeadAttention' | 'Attention' | 'AdditiveAttention';
  name: string;
  numHeads?: number;
  keyDim?: number;
  causal?: boolean;
  selfAttention?: boolean;
  scoreMode?: 'dot' | 'concat' | 'additive';
  valueMask: number[] | null;
  queryShape: number[];
  keyShape: number[];
  valueShape: number[];
  weights: Record<string, number[]>;
  weightShapes?: Record<string, number[]>;
  [key: string]: unknown;
}
const { cases } = JSON.parse(readFileSync(resolve(__dirname, '../../../fixtures/extra_attention.json'), 'utf8')) as { cases: AttentionCase[] };
const close = (actual: tf.Tensor, expected: number[], what: string) => {
  const a = actual.dataSync();
  expect(a.length, `${what}: size`).toBe(expected.length);
  expected.forEach((e, i) => {
    if (!(Math.abs(a[i]! - e) <= 1e-4 * Math.max(1, Math.abs(e)))) throw new Error(`${what}[${i}]: ${a[i]} vs PyTorch ${e}`);
  });
};

describe('attention layers against PyTorch', () => {
  for (const c of cases) {
    it(`${c.name}: output and gradients of the inputs and every weight`, () => {
      const before = tf.memory().numTensors;
      const num = (k: string) => c[k] as number[];
      const query = tf.tensor(num('query'), c.queryShape);
      const key = tf.tensor(num('key'), c.keyShape);
      const value = tf.tensor(num('value'), c.valueShape);
      const r = tf.tensor(num('r'), [c.queryShape[0]!, c.queryShape[1]!, (num('y').length / c.queryShape[0]! / c.queryShape[1]!) | 0]);
      const valueMask = c.valueMask ? tf.tensor(c.valueMask, [c.valueShape[0]!, c.valueShape[1]!], 'bool') : undefined;
      let layer;
      let names: string[];
      if (c.layer === 'MultiHeadAttention') {
        layer = multiHeadAttention({ numHeads: c.numHeads!, keyDim: c.keyDim! });
        names = ['queryKernel', 'queryBias', 'keyKernel', 'keyBias', 'valueKernel', 'valueBias', 'outputKernel', 'outputBias'];
      } else if (c.layer === 'Attention') {
        layer = attention({ useScale: true, scoreMode: c.scoreMode as 'dot' | 'concat' });
        names = c.scoreMode === 'concat' ? ['scale', 'concatScoreWeight'] : ['scale'];
      } else {
        layer = additiveAttention();
        names = ['scale'];
      }
      const inputs = c.selfAttention ? query : [query, value, key];
      const context = { training: false, useCausalMask: c.causal ?? false, valueMask };
      layer.apply(inputs, context).dispose();
      const variables = layer.trainableWeights.map((w) => w.variable);
      const weights = names.map((n, i) => tf.tensor(c.weights[n]!, variables[i]!.shape));
      layer.setWeights(weights);
      const y = layer.apply(inputs, context);
      close(y, num('y'), 'y');
      const { value: loss, grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(inputs, context), r)) as tf.Scalar, variables);
      const gradKey = (n: string) => (c[`d${n[0]!.toUpperCase()}${n.slice(1)}`] !== undefined ? `d${n[0]!.toUpperCase()}${n.slice(1)}` : `d${n}`);
      names.forEach((n, i) => close(grads[variables[i]!.name]!, num(gradKey(n)), `d${n}`));
      let inputGrads: tf.Tensor[];
      if (c.selfAttention) {
        inputGrads = [tf.grad((q: tf.Tensor) => tf.sum(tf.mul(layer.apply(q, context), r)))(query)];
        close(inputGrads[0]!, num('dquery'), 'dquery');
      } else {
        inputGrads = tf.grads((q: tf.Tensor, v: tf.Tensor, k: tf.Tensor) => tf.sum(tf.mul(layer.apply([q, v, k], context), r)))([query, value, key]);
        close(inputGrads[0]!, num('dquery'), 'dquery');
        close(inputGrads[1]!, num('dvalue'), 'dvalue');
        close(inputGrads[2]!, num('dkey'), 'dkey');
      }
      tf.dispose([query, key, value, r, y, loss, ...weights, ...inputGrads, ...(valueMask ? [valueMask] : [])]);
      tf.dispose(grads);
      layer.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

describe('attention layers', () => {
  it('pass the conformance harness (one input: self-attention) with Keras weight shapes', () => {
    runLayerTest({
      create: () => multiHeadAttention({ numHeads: 2, keyDim: 4, dropout: 0.1, seed: 3 }),
      inputShape: [2, 5, 6],
      expectedOutputShape: [2, 5, 6],
      expectedWeights: { trainable: 8, nonTrainable: 0 },
      expectedParams: 3 * (6 * 2 * 4 + 2 * 4) + (2 * 4 * 6 + 6),
    });
    runLayerTest({ create: () => multiHeadAttention({ numHeads: 3, keyDim: 2, valueDim: 5, outputShape: 7, useBias: false }), inputShape: [2, 4, 6], expectedOutputShape: [2, 4, 7], expectedWeights: { trainable: 4, nonTrainable: 0 }, expectedParams: 2 * (6 * 3 * 2) + 6 * 3 * 5 + 3 * 5 * 7 });
    runLayerTest({ create: () => attention({ useScale: true, scoreMode: 'concat' }), inputShape: [2, 4, 3], expectedOutputShape: [2, 4, 3], expectedWeights: { trainable: 2, nonTrainable: 0 } });
    runLayerTest({ create: () => attention(), inputShape: [2, 4, 3], expectedOutputShape: [2, 4, 3], expectedWeights: { trainable: 0, nonTrainable: 0 } });
    runLayerTest({ create: () => additiveAttention({ dropout: 0.2 }), inputShape: [2, 4, 3], expectedOutputShape: [2, 4, 3], expectedWeights: { trainable: 1, nonTrainable: 0 } });
  });

  it('names and shapes the MultiHeadAttention weights as Keras', () => {
    const mha = multiHeadAttention({ numHeads: 2, keyDim: 3, valueDim: 4, name: 'mha' });
    const y = mha.apply([tf.zeros([1, 2, 5]), tf.zeros([1, 6, 7]), tf.zeros([1, 6, 8])]);
    expect(y.shape).toEqual([1, 2, 5]);
    expect(mha.weights.map((w) => `${w.name} ${w.variable.shape.join('x')}`)).toEqual([
      'mha/query/kernel 5x2x3', 'mha/query/bias 2x3', 'mha/key/kernel 8x2x3', 'mha/key/bias 2x3',
      'mha/value/kernel 7x2x4', 'mha/value/bias 2x4', 'mha/attention_output/kernel 2x4x5', 'mha/attention_output/bias 5',
    ]);
    expect(() => mha.apply([tf.zeros([1, 2, 5]), tf.zeros([1, 6, 3])])).toThrow(/MultiHeadAttention "mha": was built for/);
    mha.dispose();
  });

  it('applies causal masks and query masks, and returns the attention weights', () => {
    const x = tf.randomNormal([1, 4, 3], 0, 1, 'float32', 2);
    const [out, weights] = attention().applyWithScores(x, { training: false, useCausalMask: true, queryMask: tf.tensor2d([[1, 1, 1, 0]], undefined, 'bool') });
    const w = weights!.arraySync() as number[][][];
    w[0]!.forEach((row, i) => row.forEach((v, j) => (j > i ? expect(v).toBe(0) : undefined)));
    expect(w[0]![0]![0]).toBeCloseTo(1, 6);
    expect(Array.from(tf.slice(out!, [0, 3, 0], [1, 1, 3]).dataSync()).map(Math.abs)).toEqual([0, 0, 0]);
    const [, heads] = multiHeadAttention({ numHeads: 2, keyDim: 2 }).applyWithScores(x, { training: false, useCausalMask: true });
    expect(heads!.shape).toEqual([1, 2, 4, 4]);
    expect((heads!.arraySync() as number[][][][])[0]![1]![0]![3]).toBe(0);
  });

  it('rejects bad inputs and arguments, naming the layer', () => {
    expect(() => attention().apply([tf.zeros([1, 2, 3])])).toThrow(/Attention "attention.*`inputs`/);
    expect(() => attention().apply([tf.zeros([1, 2, 3]), tf.zeros([1, 4, 5])])).toThrow(/same feature size/);
    expect(() => attention({ scoreMode: 'general' as never })).toThrow(/`scoreMode`/);
    expect(() => multiHeadAttention({ numHeads: 0, keyDim: 2 })).toThrow(/`numHeads`/);
    expect(() => multiHeadAttention({ numHeads: 1, keyDim: 2 }).apply(tf.zeros([1, 2, 3]), { training: false, valueMask: tf.ones([1, 3]) })).toThrow(/valueMask must have the shape of the input without its feature axis, \(1, 2\), received \(1, 3\)/);
  });
});
