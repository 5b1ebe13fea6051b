import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import type { DataType, Tensor } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '@layerwise/core';
import type { ConfigDict } from '@layerwise/core';
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

interface FixtureTensor {
  shape: number[];
  dtype: DataType;
  values: number[];
}

interface FixtureCase {
  name: string;
  className: string;
  config: ConfigDict;
  yTrue: FixtureTensor;
  yPred: FixtureTensor | null;
  sampleWeight: FixtureTensor | null;
  expected: number | number[];
}

/** Written by fixtures/generate.py with scikit-learn and numpy. */
const fixtures = JSON.parse(readFileSync(new URL('../fixtures/metrics.json', import.meta.url), 'utf8')) as {
  batches: number[];
  cases: FixtureCase[];
};

/** What the tests need of any metric, `Sum` (which takes values) included. */
interface Accumulating {
  readonly name: string;
  getConfig(): ConfigDict;
  result(): Tensor;
  dispose(): void;
}

/** Every metric class checked here, rebuilt from its Keras config, with how a batch is fed to it. */
const metrics: Record<string, (config: ConfigDict) => { metric: Accumulating; feed: (t: Tensor, p: Tensor | undefined, w?: Tensor) => void }> = {};
const register = (name: string, make: (config: ConfigDict) => Accumulating & { update(a: Tensor, b?: Tensor, c?: Tensor): void }, valuesOnly = false): void => {
  metrics[name] = (config) => {
    const metric = make(config);
    const feed = valuesOnly ? (t: Tensor, _p: Tensor | undefined, w?: Tensor) => metric.update(t, w) : (t: Tensor, p: Tensor | undefined, w?: Tensor) => metric.update(t, p, w);
    return { metric, feed };
  };
};
register('TopKCategoricalAccuracy', (c) => TopKCategoricalAccuracy.fromConfig(c));
register('SparseTopKCategoricalAccuracy', (c) => SparseTopKCategoricalAccuracy.fromConfig(c));
register('Precision', (c) => Precision.fromConfig(c));
register('Recall', (c) => Recall.fromConfig(c));
register('TruePositives', (c) => TruePositives.fromConfig(c));
register('TrueNegatives', (c) => TrueNegatives.fromConfig(c));
register('FalsePositives', (c) => FalsePositives.fromConfig(c));
register('FalseNegatives', (c) => FalseNegatives.fromConfig(c));
register('AUC', (c) => AUC.fromConfig(c));
register('F1Score', (c) => F1Score.fromConfig(c));
register('FBetaScore', (c) => FBetaScore.fromConfig(c));
register('MeanIoU', (c) => MeanIoU.fromConfig(c));
register('RootMeanSquaredError', (c) => RootMeanSquaredError.fromConfig(c));
register('MeanAbsoluteError', (c) => MeanAbsoluteError.fromConfig(c));
register('MeanAbsolutePercentageError', (c) => MeanAbsolutePercentageError.fromConfig(c));
register('R2Score', (c) => R2Score.fromConfig(c));
register('Sum', (c) => Sum.fromConfig(c), true);

const toTensor = (t: FixtureTensor): Tensor => tf.tensor(t.values, t.shape, t.dtype);
/** Rows `[start, start + size)` of `t`. */
const rows = (t: Tensor, start: number, size: number): Tensor => tf.slice(t, start, size);

describe('metrics against scikit-learn and Keras\' algorithms (fixtures/metrics.json), over uneven batches', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('covers every metric class added with it, in uneven batches', () => {
    expect([...new Set(fixtures.cases.map((c) => c.className))].sort()).toEqual(Object.keys(metrics).sort());
    expect(new Set(fixtures.batches).size).toBeGreaterThan(1);
  });

  for (const c of fixtures.cases) {
    it(`${c.className}: ${c.name}`, () => {
      const { metric, feed } = metrics[c.className]!(c.config);
      expect(metric.getConfig()).toEqual(c.config); // Keras' config, written back as read
      const yTrue = toTensor(c.yTrue);
      const yPred = c.yPred === null ? undefined : toTensor(c.yPred);
      const weights = c.sampleWeight === null ? undefined : toTensor(c.sampleWeight);
      let start = 0;
      for (const size of fixtures.batches) {
        tf.tidy(() => feed(rows(yTrue, start, size), yPred && rows(yPred, start, size), weights && rows(weights, start, size)));
        start += size;
      }
      expect(start).toBe(yTrue.shape[0]);
      const result = metric.result();
      const expected = typeof c.expected === 'number' ? [c.expected] : c.expected;
      expect(result.shape).toEqual(typeof c.expected === 'number' ? [] : [expected.length]);
      const actual = Array.from(result.dataSync());
      const bad = expected.filter((e, i) => !(Math.abs((actual[i] as number) - e) <= 1e-5 * Math.abs(e) + 1e-6));
      expect(bad, `got ${actual}, expected ${expected}`).toEqual([]);
      tf.dispose([result, yTrue, ...(yPred ? [yPred] : []), ...(weights ? [weights] : [])]);
      metric.dispose();
    });
  }
});
