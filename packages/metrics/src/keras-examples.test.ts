import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '@layerwise/core';
import type { Metric } from '@layerwise/core';
import { AUC } from './auc.js';
import { FalseNegatives, FalsePositives, TrueNegatives, TruePositives } from './confusion-counts.js';
import { F1Score, FBetaScore } from './f-beta-score.js';
import { MeanAbsoluteError } from './mean-absolute-error.js';
import { MeanAbsolutePercentageError } from './mean-absolute-percentage-error.js';
import { MeanIoU } from './mean-iou.js';
import { Precision } from './precision.js';
import { R2Score } from './r2-score.js';
import { Recall } from './recall.js';
import { RootMeanSquaredError } from './root-mean-squared-error.js';
import { SparseTopKCategoricalAccuracy } from './sparse-top-k-categorical-accuracy.js';
import { Sum } from './sum.js';
import { TopKCategoricalAccuracy } from './top-k-categorical-accuracy.js';

type Values = number[] | number[][];

/** `m.update_state(yTrue, yPred, sampleWeight)` then `m.result()`, as Keras' docstrings do; the metric is reset first. */
function kerasResult(m: Metric, yTrue: Values, yPred: Values, sampleWeight?: number[]): number[] {
  m.reset();
  const tensors: Tensor[] = [tf.tensor(yTrue), tf.tensor(yPred), ...(sampleWeight ? [tf.tensor1d(sampleWeight)] : [])];
  m.update(tensors[0]!, tensors[1]!, tensors[2]);
  const result = m.result();
  const out = Array.from(result.dataSync());
  tf.dispose([...tensors, result]);
  return out;
}

/** Agreement with a value as Keras prints it: within 1e-6 relative (and 1e-7 absolute). */
function expectPrinted(actual: number[], printed: number[]): void {
  expect(actual.length).toBe(printed.length);
  printed.forEach((want, i) => expect(Math.abs((actual[i] as number) - want), `${actual[i]} against Keras' ${want}`).toBeLessThanOrEqual(1e-6 * Math.abs(want) + 1e-7));
}

describe("Keras 3's documented metric examples (keras/src/metrics)", () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('TopKCategoricalAccuracy and SparseTopKCategoricalAccuracy', () => {
    const scores = [[0.1, 0.9, 0.8], [0.05, 0.95, 0]];
    const topK = new TopKCategoricalAccuracy({ k: 1 });
    expectPrinted(kerasResult(topK, [[0, 0, 1], [0, 1, 0]], scores), [0.5]);
    expectPrinted(kerasResult(topK, [[0, 0, 1], [0, 1, 0]], scores, [0.7, 0.3]), [0.3]);
    const sparse = new SparseTopKCategoricalAccuracy({ k: 1 });
    expectPrinted(kerasResult(sparse, [2, 1], scores), [0.5]);
    expectPrinted(kerasResult(sparse, [2, 1], scores, [0.7, 0.3]), [0.3]);
    expectPrinted(kerasResult(new SparseTopKCategoricalAccuracy({ k: 1, fromSortedIds: true }), [2, 1], [[1, 0, 3], [1, 2, 3]]), [0.5]);
    [topK, sparse].forEach((m) => m.dispose());
  });

  it('TruePositives, TrueNegatives, FalsePositives, FalseNegatives', () => {
    const cases: [Metric, number[], number[]][] = [
      [new TruePositives(), [0, 1, 1, 1], [1, 0, 1, 1]],
      [new TrueNegatives(), [0, 1, 0, 0], [1, 1, 0, 0]],
      [new FalsePositives(), [0, 1, 0, 0], [0, 0, 1, 1]],
      [new FalseNegatives(), [0, 1, 1, 1], [0, 1, 0, 0]],
    ];
    for (const [m, t, p] of cases) {
      expectPrinted(kerasResult(m, t, p), [2]);
      expectPrinted(kerasResult(m, t, p, [0, 0, 1, 0]), [1]);
      m.dispose();
    }
  });

  it('Precision and Recall', () => {
    for (const m of [new Precision(), new Recall()]) {
      expectPrinted(kerasResult(m, [0, 1, 1, 1], [1, 0, 1, 1]), [0.6666667]);
      expectPrinted(kerasResult(m, [0, 1, 1, 1], [1, 0, 1, 1], [0, 0, 1, 0]), [1]);
      m.dispose();
    }
    expectPrinted(kerasResult(new Precision({ topK: 2 }), [[0, 0, 1, 1]], [[1, 1, 1, 1]]), [0]);
    expectPrinted(kerasResult(new Precision({ topK: 4 }), [[0, 0, 1, 1]], [[1, 1, 1, 1]]), [0.5]);
  });

  it('AUC', () => {
    const auc = new AUC({ numThresholds: 3 });
    expectPrinted(kerasResult(auc, [0, 0, 1, 1], [0, 0.5, 0.3, 0.9]), [0.75]);
    expectPrinted(kerasResult(auc, [0, 0, 1, 1], [0, 0.5, 0.3, 0.9], [1, 0, 0, 1]), [1]);
    auc.dispose();
  });

  it('F1Score and FBetaScore', () => {
    const t = [[1, 1, 1], [1, 0, 0], [1, 1, 0]];
    const p = [[0.2, 0.6, 0.7], [0.2, 0.6, 0.6], [0.6, 0.8, 0]];
    expectPrinted(kerasResult(new F1Score({ threshold: 0.5 }), t, p), [0.5, 0.8, 0.6666667]);
    expectPrinted(kerasResult(new FBetaScore({ beta: 2, threshold: 0.5 }), t, p), [0.3846154, 0.90909094, 0.8333334]);
  });

  it('MeanIoU', () => {
    const iou = new MeanIoU({ numClasses: 2 });
    expectPrinted(kerasResult(iou, [0, 0, 1, 1], [0, 1, 0, 1]), [0.33333334]);
    expectPrinted(kerasResult(iou, [0, 0, 1, 1], [0, 1, 0, 1], [0.3, 0.3, 0.3, 0.1]), [0.23809525]);
    iou.dispose();
  });

  it('regression metrics', () => {
    const t = [[0, 1], [0, 0]];
    const p = [[1, 1], [0, 0]];
    expectPrinted(kerasResult(new RootMeanSquaredError(), t, p), [0.5]);
    expectPrinted(kerasResult(new RootMeanSquaredError(), t, p, [1, 0]), [0.70710677]);
    expectPrinted(kerasResult(new MeanAbsoluteError(), t, p), [0.25]);
    expectPrinted(kerasResult(new MeanAbsoluteError(), t, p, [1, 0]), [0.5]);
    expectPrinted(kerasResult(new MeanAbsolutePercentageError(), t, p), [250000000]);
    expectPrinted(kerasResult(new MeanAbsolutePercentageError(), t, p, [1, 0]), [500000000]);
    expectPrinted(kerasResult(new R2Score(), [[1], [4], [3]], [[2], [4], [4]]), [0.57142854]);
  });

  it('Sum', () => {
    const sum = new Sum();
    const [v, w] = [tf.tensor1d([1, 3, 5, 7]), tf.tensor1d([1, 1, 0, 0])];
    sum.update(v);
    const a = sum.result();
    sum.reset();
    sum.update(v, w);
    const b = sum.result();
    expect([a.dataSync()[0], b.dataSync()[0]]).toEqual([16, 4]);
    tf.dispose([v, w, a, b]);
    sum.dispose();
  });
});
