import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LayerwiseError, SeededRandom, useBackend } from '@layerwise/core';
import type { Metric } from '@layerwise/core';
import { BinaryAccuracy } from './binary-accuracy.js';
import { CategoricalAccuracy } from './categorical-accuracy.js';
import { MeanSquaredError } from './mean-squared-error.js';
import { SparseCategoricalAccuracy } from './sparse-categorical-accuracy.js';

const random = new SeededRandom(11);
const N = 10;
const CLASSES = 4;
const BATCHES = [3, 5, 2]; // uneven batch sizes, summing to N

/** Plain-array data and the per-sample value the metric should average, computed independently. */
interface Dataset {
  make: () => Metric;
  yTrue: (rows: number[]) => Tensor;
  yPred: (rows: number[]) => Tensor;
  perSample: number[];
}

const argmax = (row: number[]): number => row.reduce((best, v, i) => (v > row[best]! ? i : best), 0);
const labels = Array.from({ length: N }, () => random.nextInt(CLASSES));
const scores = Array.from({ length: N }, () => Array.from({ length: CLASSES }, () => random.next()));
// Make some predictions right, so that accuracies are neither 0 nor 1.
for (let i = 0; i < N; i += 3) scores[i]![labels[i]!] = 2;
const binaryTargets = Array.from({ length: N }, () => [random.nextInt(2), random.nextInt(2)]);
const binaryScores = Array.from({ length: N }, () => [random.next(), random.next()]);
const regressionTargets = Array.from({ length: N }, () => [random.next(), random.next(), random.next()]);
const regressionPreds = Array.from({ length: N }, () => [random.next(), random.next(), random.next()]);
const weights = Array.from({ length: N }, (_, i) => (i % 4 === 1 ? 0 : random.next() * 3));

const pick = <T>(values: T[], rows: number[]): T[] => rows.map((r) => values[r]!);
const oneHot = (label: number): number[] => Array.from({ length: CLASSES }, (_, c) => (c === label ? 1 : 0));

const datasets: Record<string, Dataset> = {
  SparseCategoricalAccuracy: {
    make: () => new SparseCategoricalAccuracy(),
    yTrue: (rows) => tf.tensor2d(pick(labels, rows), [rows.length, 1], 'int32'),
    yPred: (rows) => tf.tensor2d(pick(scores, rows)),
    perSample: labels.map((l, i) => (argmax(scores[i]!) === l ? 1 : 0)),
  },
  CategoricalAccuracy: {
    make: () => new CategoricalAccuracy(),
    yTrue: (rows) => tf.tensor2d(pick(labels, rows).map(oneHot)),
    yPred: (rows) => tf.tensor2d(pick(scores, rows)),
    perSample: labels.map((l, i) => (argmax(scores[i]!) === l ? 1 : 0)),
  },
  BinaryAccuracy: {
    make: () => new BinaryAccuracy({ threshold: 0.4 }),
    yTrue: (rows) => tf.tensor2d(pick(binaryTargets, rows)),
    yPred: (rows) => tf.tensor2d(pick(binaryScores, rows)),
    perSample: binaryTargets.map((t, i) => t.filter((v, j) => v === (binaryScores[i]![j]! > 0.4 ? 1 : 0)).length / 2),
  },
  MeanSquaredError: {
    make: () => new MeanSquaredError(),
    yTrue: (rows) => tf.tensor2d(pick(regressionTargets, rows)),
    yPred: (rows) => tf.tensor2d(pick(regressionPreds, rows)),
    perSample: regressionTargets.map((t, i) => t.reduce((s, v, j) => s + (regressionPreds[i]![j]! - v) ** 2, 0) / 3),
  },
};

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
const batches = (): number[][] => {
  let start = 0;
  return BATCHES.map((size) => range(start, (start += size)));
};

/** Feeds the rows to the metric batch by batch and reads the result. */
function accumulate(metric: Metric, data: Dataset, groups: number[][], weighted: boolean): number {
  for (const rows of groups) {
    const t = data.yTrue(rows);
    const p = data.yPred(rows);
    const w = weighted ? tf.tensor1d(pick(weights, rows)) : undefined;
    metric.update(t, p, w);
    tf.dispose([t, p, w]);
  }
  const result = metric.result();
  const value = result.dataSync()[0] as number;
  result.dispose();
  return value;
}

describe('metrics', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  for (const [name, data] of Object.entries(datasets)) {
    describe(name, () => {
      it('over uneven batches equals its value over the concatenation, and the plain mean', () => {
        const expected = data.perSample.reduce((a, b) => a + b, 0) / N;
        expect(expected).toBeGreaterThan(0);
        if (name !== 'MeanSquaredError') expect(expected).toBeLessThan(1);
        const batched = data.make();
        const whole = data.make();
        expect(accumulate(batched, data, batches(), false)).toBeCloseTo(expected, 6);
        expect(accumulate(whole, data, [range(0, N)], false)).toBeCloseTo(expected, 6);
        batched.dispose();
        whole.dispose();
      });

      it('weights samples by sampleWeight', () => {
        const expected =
          data.perSample.reduce((s, v, i) => s + v * weights[i]!, 0) / weights.reduce((a, b) => a + b, 0);
        const unweighted = data.perSample.reduce((a, b) => a + b, 0) / N;
        expect(Math.abs(expected - unweighted)).toBeGreaterThan(1e-3);
        const metric = data.make();
        expect(accumulate(metric, data, batches(), true)).toBeCloseTo(expected, 5);
        metric.dispose();
      });

      it('starts over after reset', () => {
        const metric = data.make();
        accumulate(metric, data, [range(0, 4)], false);
        metric.reset();
        const zero = metric.result();
        expect(zero.dataSync()[0]).toBe(0);
        zero.dispose();
        const fresh = data.make();
        expect(accumulate(metric, data, [range(4, N)], false)).toBeCloseTo(accumulate(fresh, data, [range(4, N)], false), 6);
        metric.dispose();
        fresh.dispose();
      });

      it('leaks no tensors and reads nothing back while updating', () => {
        const t = data.yTrue(range(0, N));
        const p = data.yPred(range(0, N));
        const w = tf.ones([N]);
        const before = tf.memory().numTensors;
        const metric = data.make();
        metric.update(t, p);
        const withState = tf.memory().numTensors;
        expect(withState - before).toBe(2); // the total and the count
        const reads = ['dataSync', 'data', 'arraySync', 'array', 'bufferSync', 'buffer'] as const;
        const spies = reads.map((method) => vi.spyOn(tf.Tensor.prototype, method));
        for (let i = 0; i < 5; i++) metric.update(t, p, w);
        for (const spy of spies) expect(spy).not.toHaveBeenCalled();
        t.dataSync(); // the spies do see reads
        expect(spies[0]).toHaveBeenCalledTimes(1);
        vi.restoreAllMocks();
        expect(tf.memory().numTensors).toBe(withState);
        const result = metric.result();
        result.dispose();
        metric.reset();
        expect(tf.memory().numTensors).toBe(withState);
        metric.dispose();
        expect(tf.memory().numTensors).toBe(before);
        tf.dispose([t, p, w]);
      });
    });
  }

  it('gives 0 before any update and when every weight is 0', () => {
    const metric = new SparseCategoricalAccuracy();
    const empty = metric.result();
    expect(empty.dataSync()[0]).toBe(0);
    const [t, p, w] = [tf.tensor1d([0]), tf.tensor2d([[1, 0]]), tf.zeros([1])];
    metric.update(t, p, w);
    const zero = metric.result();
    expect(zero.dataSync()[0]).toBe(0);
    tf.dispose([empty, zero, t, p, w]);
    metric.dispose();
  });

  it('SparseCategoricalAccuracy accepts float labels of shape [batch] and [batch, 1]', () => {
    const metric = new SparseCategoricalAccuracy();
    const p = tf.tensor2d([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]]);
    const flat = tf.tensor1d([1, 1, 1]);
    const column = tf.tensor2d([[1], [0], [1]]);
    metric.update(flat, p);
    metric.update(column, p);
    const result = metric.result();
    expect(result.dataSync()[0]).toBeCloseTo(5 / 6, 6);
    tf.dispose([p, flat, column, result]);
    metric.dispose();
  });

  it('BinaryAccuracy uses a strict threshold and accepts [batch] against [batch, 1]', () => {
    const metric = new BinaryAccuracy();
    const t = tf.tensor1d([1, 0, 0]);
    const p = tf.tensor2d([[0.5], [0.5], [0.51]]);
    metric.update(t, p);
    const result = metric.result();
    expect(result.dataSync()[0]).toBeCloseTo(1 / 3, 6);
    tf.dispose([t, p, result]);
    metric.dispose();
    expect(new BinaryAccuracy({ threshold: 0 }).getConfig()).toEqual({ name: 'binary_accuracy', threshold: 0 });
  });

  it('accepts sample weights of shape [batch, 1]', () => {
    const metric = new CategoricalAccuracy();
    const t = tf.tensor2d([[1, 0], [1, 0]]);
    const p = tf.tensor2d([[0.9, 0.1], [0.1, 0.9]]);
    const w = tf.tensor2d([[3], [1]]);
    metric.update(t, p, w);
    const result = metric.result();
    expect(result.dataSync()[0]).toBeCloseTo(0.75, 6);
    tf.dispose([t, p, w, result]);
    metric.dispose();
  });

  it('names bad shapes, weights and options', () => {
    const metric = new SparseCategoricalAccuracy();
    const p = tf.ones([3, 4]);
    const badLabels = tf.ones([3, 2]);
    const labels = tf.zeros([3]);
    const badWeights = tf.ones([2]);
    expect(() => metric.update(badLabels, p)).toThrow(LayerwiseError);
    expect(() => metric.update(badLabels, p)).toThrow(/yTrue\.shape.*\(3,\) or \(3, 1\).*Received: yTrue\.shape=\[3,2\]/);
    expect(() => metric.update(labels, p, badWeights)).toThrow(/sampleWeight\.shape.*\(3,\).*Received: sampleWeight\.shape=\[2\]/);
    expect(() => new CategoricalAccuracy().update(p, tf.ones([3, 5]))).toThrow(/same shape.*\(3, 4\).*\(3, 5\)/);
    expect(() => new BinaryAccuracy({ threshold: Number.NaN })).toThrow(/`threshold`, expected a number/);
    expect(() => new BinaryAccuracy({ treshold: 0.3 } as never)).toThrow(/unknown option `treshold`/);
    expect(() => new SparseCategoricalAccuracy({ name: '' })).toThrow(/`name`, expected a non-empty string/);
    tf.dispose([p, badLabels, labels, badWeights]);
    metric.dispose();
  });

  it('round-trips configs', () => {
    const metrics = [
      new SparseCategoricalAccuracy({ name: 'acc' }),
      new CategoricalAccuracy(),
      new BinaryAccuracy({ threshold: 0.2 }),
      new MeanSquaredError({ name: 'mse' }),
    ];
    const rebuild = [SparseCategoricalAccuracy, CategoricalAccuracy, BinaryAccuracy, MeanSquaredError];
    metrics.forEach((m, i) => {
      const copy = rebuild[i]!.fromConfig(JSON.parse(JSON.stringify(m.getConfig())));
      expect(copy.getConfig()).toEqual(m.getConfig());
      expect(copy.className).toBe(m.className);
      expect(copy.name).toBe(m.name);
    });
    expect(metrics.map((m) => m.className)).toEqual(['SparseCategoricalAccuracy', 'CategoricalAccuracy', 'BinaryAccuracy', 'MeanSquaredError']);
  });
});
