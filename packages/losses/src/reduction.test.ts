import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LayerwiseError, useBackend } from '@layerwise/core';
import { BinaryCrossentropy } from './binary-crossentropy.js';
import { Dice } from './dice.js';
import { MeanSquaredError } from './mean-squared-error.js';
import { REDUCTIONS, reduceLoss } from './reduction.js';
import type { Reduction } from './reduction.js';
import { mismatches } from './testing/numeric.js';

const close = { rtol: 1e-6, atol: 1e-7 };
const values = (t: Tensor): number[] => Array.from(t.dataSync());

describe('reduce', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  const perSample = [1, 2, 3, 6];
  const weights = [1, 0, 2, 0.5];
  const weighted = perSample.map((v, i) => v * weights[i]!); // [1, 0, 6, 3]
  const expected: Record<Reduction, number[]> = {
    sum_over_batch_size: [10 / 4], // divided by the number of losses, not by the sum of weights (3.5)
    mean: [10 / 4],
    sum: [10],
    mean_with_sample_weight: [10 / 3.5],
    none: weighted,
  };

  for (const reduction of REDUCTIONS) {
    it(`'${reduction}' weights each loss and reduces as Keras`, () => {
      const loss = new MeanSquaredError({ reduction });
      const l = tf.tensor1d(perSample);
      for (const w of [tf.tensor1d(weights), tf.tensor2d(weights, [4, 1])]) {
        const out = loss.reduce(l, w);
        expect(out.shape).toEqual(reduction === 'none' ? [4] : []);
        expect(mismatches(out.dataSync(), expected[reduction], close)).toEqual([]);
        tf.dispose([out, w]);
      }
      const plain = loss.reduce(l);
      const unweighted: Record<Reduction, number[]> = {
        sum_over_batch_size: [3], mean: [3], sum: [12], mean_with_sample_weight: [3], none: perSample,
      };
      expect(mismatches(plain.dataSync(), unweighted[reduction], close)).toEqual([]);
      tf.dispose([plain, l]);
    });
  }

  it('gives 0, not NaN, for an empty batch or weights summing to 0', () => {
    const empty = tf.tensor1d([]);
    const l = tf.tensor1d([1, 2]);
    const zeros = tf.zeros([2]);
    const a = new MeanSquaredError().reduce(empty);
    const b = new MeanSquaredError({ reduction: 'mean_with_sample_weight' }).reduce(l, zeros);
    expect([a.dataSync()[0], b.dataSync()[0]]).toEqual([0, 0]);
    tf.dispose([empty, l, zeros, a, b]);
  });

  it('takes a scalar weight, returns a new tensor for "none" and disposes nothing', () => {
    const l = tf.tensor1d([1, 3]);
    const w = tf.scalar(2);
    const sum = new MeanSquaredError({ reduction: 'sum' }).reduce(l, w);
    expect(sum.dataSync()[0]).toBe(8);
    const none = new MeanSquaredError({ reduction: 'none' }).reduce(l);
    expect(none).not.toBe(l);
    none.dispose();
    expect(l.isDisposed).toBe(false);
    tf.dispose([l, w, sum]);
  });

  it('names a weight that does not fit the losses', () => {
    const l = tf.tensor1d([1, 2, 3]);
    const w = tf.ones([2]);
    expect(() => new MeanSquaredError().reduce(l, w)).toThrow(LayerwiseError);
    expect(() => new MeanSquaredError().reduce(l, w)).toThrow(/MeanSquaredError: sampleWeight must have one weight per sample.*sampleWeight\.shape=\(2,\) for values of shape \(3,\)/);
    expect(() => new MeanSquaredError().reduce(l, [1, 2, 3] as never)).toThrow(/`sampleWeight`, expected a tensor/);
    expect(() => new MeanSquaredError({ reduction: 'auto' as never })).toThrow(/`reduction`, expected one of 'sum_over_batch_size'.*Received: reduction='auto'/);
    tf.dispose([l, w]);
  });

  it('is differentiable: gradients flow through call and reduce', () => {
    const loss = new BinaryCrossentropy({ fromLogits: true, reduction: 'sum' });
    const t = tf.tensor2d([[1], [0]]);
    const x = tf.tensor2d([[0.5], [-1]]);
    const w = tf.tensor1d([2, 0]);
    const g = tf.grad((p: Tensor) => loss.reduce(loss.call(t, p), w))(x);
    // d/dx of 2 * bce(1, x0): 2 * (sigmoid(x0) - 1); the second sample has weight 0.
    expect(mismatches(g.dataSync(), [2 * (1 / (1 + Math.exp(-0.5)) - 1), 0], { rtol: 1e-5, atol: 1e-7 })).toEqual([]);
    tf.dispose([t, x, w, g]);
  });
});

describe('reduceLoss', () => {
  it("uses a loss' own reduction, and Keras' default for other losses", () => {
    const l = tf.tensor1d([1, 2, 3]);
    const w = tf.tensor1d([1, 1, 0]);
    const own = reduceLoss(new MeanSquaredError({ reduction: 'sum' }), l, w);
    const custom = { name: 'custom', call: (t: Tensor) => t };
    const fallback = reduceLoss(custom, l, w);
    expect([own.dataSync()[0], fallback.dataSync()[0]]).toEqual([3, 1]);
    tf.dispose([l, w, own, fallback]);
  });
});

describe('Dice over the batch (axis: null)', () => {
  it('gives every sample the batch loss, returned as is without weights and weighted per sample with them', () => {
    const yTrue = tf.tensor2d([[1, 0], [1, 1]]);
    const yPred = tf.tensor2d([[0.5, 0.5], [1, 0]]);
    const batchLoss = 1 - (2 * 1.5) / (3 + 2 + 1e-7);
    const w = tf.tensor1d([3, 1]);
    for (const reduction of REDUCTIONS) {
      const loss = new Dice({ reduction });
      const perSample = loss.call(yTrue, yPred);
      expect(mismatches(perSample.dataSync(), [batchLoss, batchLoss], close)).toEqual([]);
      const plain = loss.reduce(perSample);
      expect(plain.shape).toEqual([]); // Keras returns a scalar loss as it is, whatever the reduction
      expect(mismatches(plain.dataSync(), [batchLoss], close)).toEqual([]);
      const weighted = loss.reduce(perSample, w);
      const want: Record<Reduction, number[]> = {
        sum_over_batch_size: [2 * batchLoss], mean: [2 * batchLoss], sum: [4 * batchLoss],
        mean_with_sample_weight: [batchLoss], none: [3 * batchLoss, batchLoss],
      };
      expect(values(weighted).length).toBe(want[reduction].length);
      expect(mismatches(weighted.dataSync(), want[reduction], close)).toEqual([]);
      tf.dispose([perSample, plain, weighted]);
    }
    tf.dispose([yTrue, yPred, w]);
  });
});
