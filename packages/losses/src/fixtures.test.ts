import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import type { DataType, Tensor } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '@layerwise/core';
import type { ConfigDict, Loss } from '@layerwise/core';
import { BinaryCrossentropy } from './binary-crossentropy.js';
import { CategoricalCrossentropy } from './categorical-crossentropy.js';
import { MeanSquaredError } from './mean-squared-error.js';
import { SparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';
import { mismatches } from './testing/numeric.js';

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
  yPred: FixtureTensor;
  perSample: number[];
  gradient: number[];
}

/** Written by fixtures/generate.py with PyTorch. */
const fixtures = JSON.parse(readFileSync(new URL('../fixtures/losses.json', import.meta.url), 'utf8')) as {
  clip: [number, number];
  cases: FixtureCase[];
};

const fromConfig: Record<string, (config: ConfigDict) => Loss> = {
  SparseCategoricalCrossentropy: (c) => SparseCategoricalCrossentropy.fromConfig(c),
  CategoricalCrossentropy: (c) => CategoricalCrossentropy.fromConfig(c),
  BinaryCrossentropy: (c) => BinaryCrossentropy.fromConfig(c),
  MeanSquaredError: (c) => MeanSquaredError.fromConfig(c),
};

const toTensor = (t: FixtureTensor): Tensor => tf.tensor(t.values, t.shape, t.dtype);
const TOLERANCE = { rtol: 1e-5, atol: 1e-6 };

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
});
