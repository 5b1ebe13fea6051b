import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LayerwiseError, useBackend } from '@layerwise/core';
import { Mean } from './mean.js';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';

const read = (m: { result(): tf.Tensor }): number => {
  const r = m.result();
  const v = r.dataSync()[0] as number;
  r.dispose();
  return v;
};

beforeAll(async () => {
  await useBackend('cpu');
});

describe('Mean', () => {
  it('is the mean over samples, weighted by sample weights, across batches of any size', () => {
    const mean = new Mean({ name: 'loss' });
    const a = tf.tensor1d([1, 2, 3]);
    const b = tf.tensor1d([10]);
    const w = tf.tensor1d([2]);
    mean.update(a);
    mean.update(b, w);
    expect(read(mean)).toBeCloseTo((1 + 2 + 3 + 2 * 10) / 5, 6);
    expect(mean.name).toBe('loss');
    tf.dispose([a, b, w]);
    mean.dispose();
  });

  it('averages each sample over its non-batch axes, and counts scalars as one sample', () => {
    const mean = new Mean();
    const rows = tf.tensor2d([[1, 3], [5, 7]]); // samples 2 and 6
    const scalar = tf.scalar(11);
    mean.update(rows);
    mean.update(scalar);
    expect(read(mean)).toBeCloseTo((2 + 6 + 11) / 3, 6);
    tf.dispose([rows, scalar]);
    mean.dispose();
  });

  it('takes per-step weights of shape [batch, steps] as Keras does', () => {
    const mean = new Mean();
    const values = tf.tensor3d([[[1, 3], [5, 5]], [[2, 2], [4, 4]]]); // per step: [[2, 5], [2, 4]]
    const weights = tf.tensor2d([[1, 0], [1, 1]]);
    mean.update(values, weights);
    // Keras: samplewise mean of value * weight over the weighted sum of samplewise mean weights.
    const expected = ((2 * 1 + 5 * 0) / 2 + (2 * 1 + 4 * 1) / 2) / ((1 + 0) / 2 + (1 + 1) / 2);
    expect(read(mean)).toBeCloseTo(expected, 6);
    tf.dispose([values, weights]);
    mean.dispose();
  });

  it('gives 0 before any update, forgets on reset and frees its state on dispose', () => {
    const before = tf.memory().numTensors;
    const mean = new Mean();
    expect(read(mean)).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
    const v = tf.tensor1d([4, 6]);
    mean.update(v);
    expect(read(mean)).toBe(5);
    mean.reset();
    expect(read(mean)).toBe(0);
    mean.update(v);
    mean.update(v);
    expect(read(mean)).toBe(5);
    mean.dispose();
    expect(tf.memory().numTensors).toBe(before + 1);
    v.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names bad values and weights', () => {
    const mean = new Mean();
    const v = tf.ones([2, 3]);
    const w = tf.ones([3]);
    expect(() => mean.update([1, 2] as never)).toThrow(/Mean: received an invalid value for `values`, expected a tensor/);
    expect(() => mean.update(v, w)).toThrow(LayerwiseError);
    expect(() => mean.update(v, w)).toThrow(/sampleWeight\.shape.*Received: sampleWeight\.shape=\[3\]/);
    expect(() => new Mean({ name: 3 } as never)).toThrow(/`name`, expected a non-empty string. Received: name=3/);
    tf.dispose([v, w]);
    mean.dispose();
  });
});

describe('MeanMetricWrapper', () => {
  it('averages any function of (yTrue, yPred) per sample', () => {
    const mae = new MeanMetricWrapper((t, p) => tf.abs(tf.sub(p, t)), { name: 'mae' });
    const t = tf.tensor2d([[0, 0], [1, 1]]);
    const p = tf.tensor2d([[1, 3], [1, 0]]);
    const before = tf.memory().numTensors;
    mae.update(t, p);
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(read(mae)).toBeCloseTo((2 + 0.5) / 2, 6);
    expect(mae.getConfig()).toEqual({ name: 'mae' });
    tf.dispose([t, p]);
    mae.dispose();
    expect(() => new MeanMetricWrapper('mae' as never, { name: 'mae' })).toThrow(/`fn`, expected a function/);
  });
});
