import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import type { DataType, Tensor } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '@layerwise/core';
import type { ConfigDict } from '@layerwise/core';
import type { BaseLoss } from './base-loss.js';
import { BinaryCrossentropy } from './binary-crossentropy.js';
import { BinaryFocalCrossentropy } from './binary-focal-crossentropy.js';
import { CategoricalCrossentropy } from './categorical-crossentropy.js';
import { CategoricalFocalCrossentropy } from './categorical-focal-crossentropy.js';
import { CategoricalHinge } from './categorical-hinge.js';
import { CosineSimilarity } from './cosine-similarity.js';
import { Dice } from './dice.js';
import { Hinge } from './hinge.js';
import { Huber } from './huber.js';
import { KLDivergence } from './kl-divergence.js';
import { LogCosh } from './log-cosh.js';
import { MeanAbsoluteError } from './mean-absolute-error.js';
import { MeanAbsolutePercentageError } from './mean-absolute-percentage-error.js';
import { MeanSquaredError } from './mean-squared-error.js';
import { MeanSquaredLogarithmicError } from './mean-squared-logarithmic-error.js';
import { Poisson } from './poisson.js';
import { REDUCTIONS } from './reduction.js';
import type { Reduction } from './reduction.js';
import { SparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';
import { SquaredHinge } from './squared-hinge.js';
import { mismatches } from './testing/numeric.js';
import { Tversky } from './tversky.js';

interface FixtureTensor {
  shape: number[];
  dtype: DataType;
  values: number[];
}

interface FixtureReductions {
  sampleWeight: FixtureTensor | null;
  expected: Record<Reduction, number | number[]>;
}

interface FixtureCase {
  name: string;
  className: string;
  config: ConfigDict;
  yTrue: FixtureTensor;
  yPred: FixtureTensor;
  perSample: number[];
  gradient: number[];
  /** The rank of Keras' own values (before its reduction); absent for rank-1 inputs. */
  kerasValuesRank?: number;
  reductions?: FixtureReductions[];
}

/** Written by fixtures/generate.py with PyTorch. */
const fixtures = JSON.parse(readFileSync(new URL('../fixtures/losses.json', import.meta.url), 'utf8')) as {
  clip: [number, number];
  cases: FixtureCase[];
};

const fromConfig: Record<string, (config: ConfigDict) => BaseLoss> = {
  SparseCategoricalCrossentropy: (c) => SparseCategoricalCrossentropy.fromConfig(c),
  CategoricalCrossentropy: (c) => CategoricalCrossentropy.fromConfig(c),
  BinaryCrossentropy: (c) => BinaryCrossentropy.fromConfig(c),
  BinaryFocalCrossentropy: (c) => BinaryFocalCrossentropy.fromConfig(c),
  CategoricalFocalCrossentropy: (c) => CategoricalFocalCrossentropy.fromConfig(c),
  MeanSquaredError: (c) => MeanSquaredError.fromConfig(c),
  MeanAbsoluteError: (c) => MeanAbsoluteError.fromConfig(c),
  MeanAbsolutePercentageError: (c) => MeanAbsolutePercentageError.fromConfig(c),
  MeanSquaredLogarithmicError: (c) => MeanSquaredLogarithmicError.fromConfig(c),
  Huber: (c) => Huber.fromConfig(c),
  LogCosh: (c) => LogCosh.fromConfig(c),
  KLDivergence: (c) => KLDivergence.fromConfig(c),
  Poisson: (c) => Poisson.fromConfig(c),
  CosineSimilarity: (c) => CosineSimilarity.fromConfig(c),
  Hinge: (c) => Hinge.fromConfig(c),
  SquaredHinge: (c) => SquaredHinge.fromConfig(c),
  CategoricalHinge: (c) => CategoricalHinge.fromConfig(c),
  Dice: (c) => Dice.fromConfig(c),
  Tversky: (c) => Tversky.fromConfig(c),
};

const toTensor = (t: FixtureTensor): Tensor => tf.tensor(t.values, t.shape, t.dtype);
const TOLERANCE = { rtol: 1e-5, atol: 1e-6 };
const asArray = (v: number | number[]): number[] => (typeof v === 'number' ? [v] : v);

describe('losses against PyTorch (fixtures/losses.json)', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('covers every loss class', () => {
    const classes = new Set(fixtures.cases.map((c) => c.className));
    expect([...classes].sort()).toEqual(Object.keys(fromConfig).sort());
    expect(fixtures.clip).toEqual([Math.fround(1e-7), Math.fround(1 - 1e-7)]);
  });

  for (const c of fixtures.cases) {
    it(`${c.className}: ${c.name}`, () => {
      const make = fromConfig[c.className];
      if (make === undefined) throw new Error(`no loss for ${c.className}`);
      const loss = make(c.config);
      const yTrue = toTensor(c.yTrue);
      const yPred = toTensor(c.yPred);
      const before = tf.memory().numTensors;

      const perSample = loss.call(yTrue, yPred);
      expect(perSample.shape).toEqual([c.yPred.shape[0]]);
      expect(mismatches(perSample.dataSync(), c.perSample, TOLERANCE)).toEqual([]);

      const gradient = tf.grad((p: Tensor) => tf.mean(loss.call(yTrue, p)))(yPred);
      expect(gradient.shape).toEqual(c.yPred.shape);
      expect(mismatches(gradient.dataSync(), c.gradient, TOLERANCE)).toEqual([]);

      tf.dispose([perSample, gradient]);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([yTrue, yPred]);
    });
  }

  describe('reductions as Keras (reduce_weighted_values on its own values)', () => {
    for (const c of fixtures.cases.filter((f) => f.reductions !== undefined)) {
      // Per-sample losses carry all of Keras' values when those are one per sample (or one per
      // batch); with more (sequences, images) only the means agree, as documented on `reduce`.
      const reductions = (c.kerasValuesRank ?? 1) <= 1 ? REDUCTIONS : (['sum_over_batch_size', 'mean'] as const);
      it(`${c.className}: ${c.name} (${reductions.join(', ')})`, () => {
        const yTrue = toTensor(c.yTrue);
        const yPred = toTensor(c.yPred);
        for (const { sampleWeight, expected } of c.reductions!) {
          const weight = sampleWeight === null ? undefined : toTensor(sampleWeight);
          for (const reduction of reductions) {
            const loss = fromConfig[c.className]!({ ...c.config, reduction });
            const perSample = loss.call(yTrue, yPred);
            const before = tf.memory().numTensors;
            const reduced = loss.reduce(perSample, weight);
            expect(tf.memory().numTensors).toBe(before + 1);
            const want = asArray(expected[reduction]);
            expect(reduced.size, `${reduction}, weighted: ${weight !== undefined}`).toBe(want.length);
            expect(mismatches(reduced.dataSync(), want, TOLERANCE), `${reduction}, weighted: ${weight !== undefined}`).toEqual([]);
            tf.dispose([perSample, reduced]);
          }
          weight?.dispose();
        }
        tf.dispose([yTrue, yPred]);
      });
    }
  });
});
