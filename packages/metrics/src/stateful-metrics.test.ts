import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LayerwiseError, useBackend } from '@layerwise/core';
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
import { TopKCategoricalAccuracy } from './top-k-categorical-accuracy.js';

const read = (t: Tensor): number[] => {
  const v = Array.from(t.dataSync());
  t.dispose();
  return v;
};

/** A metric with a batch it accepts: `[yTrue, yPred]` builders (4 samples) and its number of state tensors. */
interface Subject {
  make: () => Metric;
  data: () => [Tensor, Tensor];
  stateTensors: number;
}

const probs = () => tf.tensor2d([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2], [0.2, 0.2, 0.6], [0.9, 0.05, 0.05]]);
const oneHot = () => tf.tensor2d([[0, 1, 0], [0, 0, 1], [0, 0, 1], [1, 0, 0]]);
const binary = (): [Tensor, Tensor] => [tf.tensor1d([0, 1, 1, 0]), tf.tensor1d([0.2, 0.8, 0.4, 0.6])];

const subjects: Record<string, Subject> = {
  TopKCategoricalAccuracy: { make: () => new TopKCategoricalAccuracy({ k: 2 }), data: () => [oneHot(), probs()], stateTensors: 2 },
  SparseTopKCategoricalAccuracy: { make: () => new SparseTopKCategoricalAccuracy({ k: 1 }), data: () => [tf.tensor1d([1, 2, 2, 0], 'int32'), probs()], stateTensors: 2 },
  RootMeanSquaredError: { make: () => new RootMeanSquaredError(), data: () => [probs(), oneHot()], stateTensors: 2 },
  MeanAbsoluteError: { make: () => new MeanAbsoluteError(), data: () => [probs(), oneHot()], stateTensors: 2 },
  MeanAbsolutePercentageError: { make: () => new MeanAbsolutePercentageError(), data: () => [probs(), oneHot()], stateTensors: 2 },
  Precision: { make: () => new Precision({ thresholds: [0.3, 0.5] }), data: binary, stateTensors: 2 },
  Recall: { make: () => new Recall({ topK: 1 }), data: () => [oneHot(), probs()], stateTensors: 2 },
  TruePositives: { make: () => new TruePositives(), data: binary, stateTensors: 1 },
  TrueNegatives: { make: () => new TrueNegatives({ thresholds: [0, 0.5, 1] }), data: binary, stateTensors: 1 },
  FalsePositives: { make: () => new FalsePositives(), data: binary, stateTensors: 1 },
  FalseNegatives: { make: () => new FalseNegatives(), data: binary, stateTensors: 1 },
  AUC: { make: () => new AUC({ curve: 'PR' }), data: binary, stateTensors: 4 },
  F1Score: { make: () => new F1Score({ average: 'macro' }), data: () => [oneHot(), probs()], stateTensors: 4 },
  FBetaScore: { make: () => new FBetaScore({ beta: 2, threshold: 0.3 }), data: () => [oneHot(), probs()], stateTensors: 4 },
  MeanIoU: { make: () => new MeanIoU({ numClasses: 3, sparseYPred: false }), data: () => [tf.tensor1d([1, 2, 2, 0]), probs()], stateTensors: 1 },
  R2Score: { make: () => new R2Score(), data: () => [probs(), oneHot()], stateTensors: 5 },
};

describe('stateful metrics', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  for (const [name, subject] of Object.entries(subjects)) {
    describe(name, () => {
      it('keeps its state on the device: no read back while updating, no leak, freed by dispose', () => {
        const [t, p] = subject.data();
        const w = tf.tensor1d([1, 0, 2, 0.5]);
        const before = tf.memory().numTensors;
        const metric = subject.make();
        expect(tf.memory().numTensors).toBe(before); // nothing allocated before the first update
        read(metric.result()); // a value (0s) before any update, without allocating state
        expect(tf.memory().numTensors).toBe(before);
        metric.update(t, p);
        const withState = tf.memory().numTensors;
        expect(withState - before).toBe(subject.stateTensors);
        const reads = ['dataSync', 'data', 'arraySync', 'array', 'bufferSync', 'buffer'] as const;
        const spies = reads.map((method) => vi.spyOn(tf.Tensor.prototype, method));
        for (let i = 0; i < 3; i++) metric.update(t, p, w);
        for (const spy of spies) expect(spy).not.toHaveBeenCalled();
        t.dataSync(); // the spies do see reads
        expect(spies[0]).toHaveBeenCalledTimes(1);
        vi.restoreAllMocks();
        expect(tf.memory().numTensors).toBe(withState);
        metric.result().dispose();
        expect(tf.memory().numTensors).toBe(withState);
        metric.dispose();
        expect(tf.memory().numTensors).toBe(before);
        tf.dispose([t, p, w]);
      });

      it('starts over after reset, as a fresh metric', () => {
        const [t, p] = subject.data();
        const metric = subject.make();
        const fresh = subject.make();
        metric.update(t, p);
        const seen = read(metric.result());
        expect(seen.some((v) => v !== 0)).toBe(true); // the data moves the value, so reset has something to undo
        metric.reset();
        const afterReset = read(metric.result());
        expect(afterReset.every((v) => v === 0), `after reset: ${afterReset}`).toBe(true);
        const t2 = tf.slice(t, 1, 2);
        const p2 = tf.slice(p, 1, 2);
        metric.update(t2, p2);
        fresh.update(t2, p2);
        expect(read(metric.result())).toEqual(read(fresh.result()));
        tf.dispose([t, p, t2, p2]);
        metric.dispose();
        fresh.dispose();
      });

      it('round-trips its config', () => {
        const metric = subject.make() as Metric & { getConfig(): Record<string, unknown>; className: string };
        const type = metric.constructor as unknown as { fromConfig(c: unknown): { getConfig(): unknown; className: string; name: string } };
        const copy = type.fromConfig(JSON.parse(JSON.stringify(metric.getConfig())));
        expect(copy.getConfig()).toEqual(metric.getConfig());
        expect([copy.className, copy.name]).toEqual([metric.className, metric.name]);
        expect(metric.className).toBe(name);
      });
    });
  }

  it('give 0 (or one 0 per threshold) before any update', () => {
    expect(read(new Precision({ thresholds: [0.2, 0.4, 0.6] }).result())).toEqual([0, 0, 0]);
    expect(read(new TruePositives().result())).toEqual([0]);
    expect(read(new AUC().result())).toEqual([0]);
    expect(read(new F1Score().result())).toEqual([0]);
    expect(read(new R2Score().result())).toEqual([0]);
  });

  it('reject bad options, naming the option and the value', () => {
    expect(() => new Precision({ thresholds: [0.5, 1.5] })).toThrow(/Precision: .*`thresholds`.*\[0, 1\].*Received: thresholds=\[0\.5,1\.5\]/);
    expect(() => new Recall({ topK: 0 })).toThrow(/Recall: .*`topK`, expected a positive integer.*Received: topK=0/);
    expect(() => new Precision({ classId: -1 })).toThrow(/`classId`.*Received: classId=-1/);
    expect(() => new AUC({ numThresholds: 1 })).toThrow(/AUC: .*`numThresholds`, expected an integer of at least 2.*Received: numThresholds=1/);
    expect(() => new AUC({ curve: 'PRGAIN' as never })).toThrow(/`curve`, expected one of 'ROC', 'PR'/);
    expect(() => new AUC({ summationMethod: 'trapezoid' as never })).toThrow(/`summationMethod`/);
    expect(() => AUC.fromConfig({ multi_label: true })).toThrow(/AUC\.fromConfig: .*`multi_label`.*multi-label AUC is not supported/);
    expect(() => new F1Score({ average: 'samples' as never })).toThrow(/F1Score: .*`average`.*Received: average='samples'/);
    expect(() => new F1Score({ beta: 2 } as never)).toThrow(/F1Score: received an unknown option `beta`/);
    expect(() => new FBetaScore({ beta: 0 })).toThrow(/`beta`.*Received: beta=0/);
    expect(() => new FBetaScore({ threshold: 0 })).toThrow(/`threshold`.*\(0, 1\].*Received: threshold=0/);
    expect(() => new MeanIoU({} as never)).toThrow(/MeanIoU: .*`numClasses`, expected a positive integer.*Received: numClasses=undefined/);
    expect(() => new MeanIoU({ numClasses: 2, ignoreClass: 0.5 })).toThrow(/`ignoreClass`/);
    expect(() => new R2Score({ numRegressors: -1 })).toThrow(/R2Score: .*`numRegressors`.*Received: numRegressors=-1/);
    expect(() => new TopKCategoricalAccuracy({ k: 1.5 })).toThrow(/`k`, expected a positive integer/);
  });

  it('reject data that does not fit, naming the shapes', () => {
    const p = probs();
    const t = oneHot();
    const w = tf.ones([3]);
    expect(() => new Precision({ topK: 4 }).update(t, p)).toThrow(/Precision: .*`topK`, expected at most the number of classes \(3\).*Received: topK=4/);
    expect(() => new Recall({ classId: 3 }).update(t, p)).toThrow(/Recall: .*`classId`.*Received: classId=3/);
    expect(() => new TruePositives().update(t, p, w)).toThrow(/TruePositives: sampleWeight must have one weight per sample.*sampleWeight\.shape=\(3,\)/);
    expect(() => new AUC().update(tf.ones([4, 2]), p)).toThrow(/AUC: yTrue and yPred must have the same shape.*\(4, 2\).*\(4, 3\)/);
    expect(() => new F1Score().update(tf.ones([4]), tf.ones([4]))).toThrow(LayerwiseError);
    const f1 = new F1Score();
    f1.update(t, p);
    expect(() => f1.update(tf.ones([2, 4]), tf.ones([2, 4]))).toThrow(/F1Score: this batch gives `tp` of shape \(4,\) where earlier batches gave \(3,\)/);
    f1.dispose();
    expect(() => new R2Score().update(tf.ones([2, 2, 2]), tf.ones([2, 2, 2]))).toThrow(/R2Score: expects targets of shape \[batch, outputs\]/);
    expect(() => new MeanIoU({ numClasses: 3 }).update(tf.ones([4]), tf.ones([3]))).toThrow(/MeanIoU: yTrue and yPred must hold as many labels/);
    expect(() => new SparseTopKCategoricalAccuracy({ k: 4, fromSortedIds: true }).update(tf.ones([4]), p)).toThrow(/at least k=4 sorted class ids/);
    tf.dispose([p, t, w]);
  });

  it('TopK accuracies count ties at the k-th place as hits and bad labels as misses', () => {
    const m = new SparseTopKCategoricalAccuracy({ k: 1 });
    const labels = tf.tensor1d([1, 0, 5, -1, 1.5]);
    const scores = tf.tensor2d([[0.5, 0.5, 0], [0.5, 0.5, 0], [1, 0, 0], [1, 0, 0], [0, 1, 0]]);
    m.update(labels, scores);
    expect(read(m.result())[0]).toBeCloseTo(2 / 5, 6);
    tf.dispose([labels, scores]);
    m.dispose();
  });

  it('R2Score scores 0 for an output whose targets do not vary, and adjusts only with enough samples', () => {
    const constant = new R2Score({ classAggregation: 'none' });
    const t = tf.tensor2d([[1, 1], [1, 2], [1, 4]]);
    const p = tf.tensor2d([[2, 1], [0, 2], [1, 3]]);
    constant.update(t, p);
    expect(read(constant.result())[0]).toBe(0);
    const adjusted = new R2Score({ numRegressors: 2 }); // n - 1 = 2 is not > 2: the plain score
    const plain = new R2Score();
    adjusted.update(t, p);
    plain.update(t, p);
    expect(read(adjusted.result())).toEqual(read(plain.result()));
    tf.dispose([t, p]);
    [constant, adjusted, plain].forEach((m) => m.dispose());
  });
});
