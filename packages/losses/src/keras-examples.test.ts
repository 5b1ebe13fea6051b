import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '@layerwise/core';
import type { BaseLoss } from './base-loss.js';
import { BinaryCrossentropy } from './binary-crossentropy.js';
import { BinaryFocalCrossentropy } from './binary-focal-crossentropy.js';
import { CategoricalCrossentropy } from './categorical-crossentropy.js';
import { CategoricalFocalCrossentropy } from './categorical-focal-crossentropy.js';
import { CosineSimilarity } from './cosine-similarity.js';
import { Dice } from './dice.js';
import { Huber } from './huber.js';
import { LogCosh } from './log-cosh.js';
import { MeanAbsoluteError } from './mean-absolute-error.js';
import { MeanAbsolutePercentageError } from './mean-absolute-percentage-error.js';
import { MeanSquaredError } from './mean-squared-error.js';
import { SparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';

/**
 * `loss(yTrue, yPred, sampleWeight)` as Keras computes it in its docstrings: `call`, then
 * `reduce`. Returns plain numbers.
 */
function kerasCall(loss: BaseLoss, yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): number[] {
  const perSample = loss.call(yTrue, yPred);
  const reduced = loss.reduce(perSample, sampleWeight);
  const out = Array.from(reduced.dataSync());
  tf.dispose([perSample, reduced, yTrue, yPred, ...(sampleWeight ? [sampleWeight] : [])]);
  return out;
}

/** Agreement with a value as Keras prints it: within one unit of its last printed digit. */
function expectPrinted(actual: number[], printed: string[]): void {
  expect(actual.length).toBe(printed.length);
  printed.forEach((text, i) => {
    const decimals = text.includes('e') ? 0 : (text.split('.')[1] ?? '').length;
    const tolerance = text.includes('e') ? Math.abs(Number(text)) * 1e-6 : 10 ** -decimals;
    expect(Math.abs((actual[i] as number) - Number(text)), `${actual[i]} against Keras' ${text}`).toBeLessThanOrEqual(tolerance);
  });
}

const t1 = () => tf.tensor2d([[0, 1], [0, 0]]);
const logits2 = () => tf.tensor2d([[-18.6, 0.51], [2.94, -12.8]]);
const probs2 = () => tf.tensor2d([[0.6, 0.4], [0.4, 0.6]]);
const oneHot3 = () => tf.tensor2d([[0, 1, 0], [0, 0, 1]]);
const probs3 = () => tf.tensor2d([[0.05, 0.95, 0], [0.1, 0.8, 0.1]]);

describe("Keras 3's documented examples (keras/src/losses/losses.py)", () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('BinaryCrossentropy', () => {
    const bce = (reduction?: 'sum' | 'none') => new BinaryCrossentropy({ fromLogits: true, ...(reduction ? { reduction } : {}) });
    expectPrinted(kerasCall(bce(), tf.tensor1d([0, 1, 0, 0]), tf.tensor1d([-18.6, 0.51, 2.94, -12.8])), ['0.8654']);
    expectPrinted(kerasCall(bce(), t1(), logits2()), ['0.8654']);
    expectPrinted(kerasCall(bce(), t1(), logits2(), tf.tensor1d([0.8, 0.2])), ['0.243']);
    expectPrinted(kerasCall(bce('sum'), t1(), logits2()), ['1.730']);
    expectPrinted(kerasCall(bce('none'), t1(), logits2()), ['0.235', '1.496']);
    expectPrinted(kerasCall(new BinaryCrossentropy({ reduction: 'none' }), t1(), probs2()), ['0.916', '0.714']);
  });

  it('BinaryFocalCrossentropy', () => {
    const bfce = (gamma: number, applyClassBalancing: boolean, reduction?: 'sum' | 'none') =>
      new BinaryFocalCrossentropy({ gamma, applyClassBalancing, fromLogits: true, ...(reduction ? { reduction } : {}) });
    const r1 = () => [tf.tensor1d([0, 1, 0, 0]), tf.tensor1d([-18.6, 0.51, 2.94, -12.8])] as const;
    expectPrinted(kerasCall(bfce(2, false), ...r1()), ['0.691']);
    expectPrinted(kerasCall(bfce(2, true), ...r1()), ['0.51']);
    expectPrinted(kerasCall(bfce(3, false), t1(), logits2()), ['0.647']);
    expectPrinted(kerasCall(bfce(3, true), t1(), logits2()), ['0.482']);
    expectPrinted(kerasCall(bfce(3, false), t1(), logits2(), tf.tensor1d([0.8, 0.2])), ['0.133']);
    expectPrinted(kerasCall(bfce(3, true), t1(), logits2(), tf.tensor1d([0.8, 0.2])), ['0.097']);
    expectPrinted(kerasCall(bfce(4, false, 'sum'), t1(), logits2()), ['1.222']);
    expectPrinted(kerasCall(bfce(4, true, 'sum'), t1(), logits2()), ['0.914']);
    expectPrinted(kerasCall(bfce(5, false, 'none'), t1(), logits2()), ['0.0017', '1.1561']);
    expectPrinted(kerasCall(bfce(5, true, 'none'), t1(), logits2()), ['0.0004', '0.8670']);
    expectPrinted(kerasCall(new BinaryFocalCrossentropy({ gamma: 2, reduction: 'none' }), t1(), probs2()), ['0.330', '0.206']);
  });

  it('CategoricalCrossentropy and SparseCategoricalCrossentropy', () => {
    for (const [make, labels] of [
      [(r?: 'sum' | 'none') => new CategoricalCrossentropy(r ? { reduction: r } : {}), oneHot3],
      [(r?: 'sum' | 'none') => new SparseCategoricalCrossentropy(r ? { reduction: r } : {}), () => tf.tensor1d([1, 2], 'int32')],
    ] as const) {
      expectPrinted(kerasCall(make(), labels(), probs3()), ['1.177']);
      expectPrinted(kerasCall(make(), labels(), probs3(), tf.tensor1d([0.3, 0.7])), ['0.814']);
      expectPrinted(kerasCall(make('sum'), labels(), probs3()), ['2.354']);
      expectPrinted(kerasCall(make('none'), labels(), probs3()), ['0.0513', '2.303']);
    }
  });

  it('CategoricalFocalCrossentropy', () => {
    expectPrinted(kerasCall(new CategoricalFocalCrossentropy(), oneHot3(), probs3()), ['0.23315276']);
    expectPrinted(kerasCall(new CategoricalFocalCrossentropy(), oneHot3(), probs3(), tf.tensor1d([0.3, 0.7])), ['0.1632']);
    expectPrinted(kerasCall(new CategoricalFocalCrossentropy({ reduction: 'sum' }), oneHot3(), probs3()), ['0.46631']);
    expectPrinted(kerasCall(new CategoricalFocalCrossentropy({ reduction: 'none' }), oneHot3(), probs3()), ['3.2058331e-05', '4.6627346e-01']);
    const other = tf.tensor2d([[0.05, 0.9, 0.05], [0.1, 0.85, 0.05]]);
    expectPrinted(kerasCall(new CategoricalFocalCrossentropy({ reduction: 'none' }), oneHot3(), other), ['2.63401289e-04', '6.75912094e-01']);
  });

  it('regression losses', () => {
    expectPrinted(kerasCall(new MeanSquaredError(), tf.tensor1d([1, 0, 1]), tf.tensor1d([0.9, 0.1, 0.8])), ['0.02']);
    expectPrinted(kerasCall(new MeanAbsoluteError(), tf.tensor1d([1, 0.3, 1]), tf.tensor1d([1.9, 0.3, 1.8])), ['0.5666667']);
    expectPrinted(kerasCall(new MeanAbsolutePercentageError(), tf.tensor1d([100, 200, 300]), tf.tensor1d([90, 210, 310])), ['6.111111']);
    expectPrinted(kerasCall(new Huber(), t1(), probs2()), ['0.155']);
    expectPrinted(kerasCall(new LogCosh(), t1(), tf.tensor2d([[1, 1], [0, 0]])), ['0.108']);
    const cosine = kerasCall(new CosineSimilarity({ reduction: 'none' }), tf.tensor2d([[0, 1], [1, 1], [1, 1]]), tf.tensor2d([[1, 0], [1, 1], [-1, -1]]));
    expectPrinted(cosine, ['-0.', '-0.99999994', '0.99999994']);
  });

  it('Dice', () => {
    const yTrue = () => tf.tensor4d([1, 1, 0, 0, 1, 1, 0, 0], [2, 2, 2, 1]);
    const yPred = () => tf.tensor4d([0, 1, 0, 1, 0.4, 0, 0, 0.9], [2, 2, 2, 1]);
    expectPrinted(kerasCall(new Dice({ axis: [1, 2, 3], reduction: 'none' }), yTrue(), yPred()), ['0.5', '0.75757575']);
    expectPrinted(kerasCall(new Dice(), yTrue(), yPred()), ['0.6164384']);
  });
});
