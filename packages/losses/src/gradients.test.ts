import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRandom, useBackend } from '@layerwise/core';
import type { Loss } from '@layerwise/core';
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
import { SparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';
import { SquaredHinge } from './squared-hinge.js';
import { finiteDifferenceGradient, mismatches } from './testing/numeric.js';
import { Tversky } from './tversky.js';

const random = new SeededRandom(7);
const uniform = (n: number, lo: number, hi: number): number[] => Array.from({ length: n }, () => lo + (hi - lo) * random.next());

/** Rows of well-conditioned probabilities (no entry near the clipping bounds), not normalised. */
const probabilities = (rows: number, cols: number): Tensor => tf.tensor2d(uniform(rows * cols, 0.05, 0.95), [rows, cols]);
const logits = (shape: number[], scale = 2): Tensor => tf.tensor(uniform(shape.reduce((a, b) => a * b, 1), -scale, scale), shape);
const oneHot = (labels: number[], classes: number): Tensor => tf.oneHot(tf.tensor1d(labels, 'int32'), classes, 1, 0, 'float32');
const bits = (shape: number[]): Tensor => tf.tensor(uniform(shape.reduce((a, b) => a * b, 1), 0, 1).map(Math.round), shape);
/** Values in `[lo, hi]` whose distance to each other is large enough for kinks (max, abs) to stay clear. */
const spread = (shape: number[], lo: number, hi: number): Tensor => tf.tensor(uniform(shape.reduce((a, b) => a * b, 1), lo, hi), shape);

interface GradientCase {
  name: string;
  loss: Loss;
  yTrue: () => Tensor;
  yPred: () => Tensor;
}

const cases: GradientCase[] = [
  { name: 'sparse CE, logits', loss: new SparseCategoricalCrossentropy({ fromLogits: true }), yTrue: () => tf.tensor1d([0, 2, 1, 3], 'int32'), yPred: () => logits([4, 4]) },
  { name: 'sparse CE, probabilities', loss: new SparseCategoricalCrossentropy(), yTrue: () => tf.tensor2d([[1], [0], [2]]), yPred: () => probabilities(3, 3) },
  { name: 'sparse CE, logits, rank 3', loss: new SparseCategoricalCrossentropy({ fromLogits: true }), yTrue: () => tf.tensor2d([[0, 1], [2, 2]], [2, 2], 'int32'), yPred: () => logits([2, 2, 3]) },
  { name: 'categorical CE, logits', loss: new CategoricalCrossentropy({ fromLogits: true }), yTrue: () => oneHot([1, 0, 2], 3), yPred: () => logits([3, 3]) },
  { name: 'categorical CE, logits, smoothing', loss: new CategoricalCrossentropy({ fromLogits: true, labelSmoothing: 0.2 }), yTrue: () => oneHot([3, 1], 4), yPred: () => logits([2, 4]) },
  { name: 'categorical CE, probabilities', loss: new CategoricalCrossentropy(), yTrue: () => oneHot([2, 0, 1], 3), yPred: () => probabilities(3, 3) },
  { name: 'categorical CE, probabilities, smoothing', loss: new CategoricalCrossentropy({ labelSmoothing: 0.1 }), yTrue: () => oneHot([0, 1], 3), yPred: () => probabilities(2, 3) },
  { name: 'binary CE, probabilities', loss: new BinaryCrossentropy(), yTrue: () => tf.tensor2d([[1, 0], [0, 0], [1, 1]]), yPred: () => probabilities(3, 2) },
  { name: 'binary CE, probabilities, smoothing, rank 1', loss: new BinaryCrossentropy({ labelSmoothing: 0.3 }), yTrue: () => tf.tensor1d([1, 0, 1]), yPred: () => tf.tensor1d(uniform(3, 0.1, 0.9)) },
  // Logits of exactly 0: the gradient there must be sigmoid(0) - z, not -z.
  { name: 'binary CE, logits, zeros included', loss: new BinaryCrossentropy({ fromLogits: true }), yTrue: () => tf.tensor2d([[1, 0], [0, 1], [1, 0]]), yPred: () => tf.tensor2d([[0, 0], [1.5, -0.7], [-2, 0]]) },
  { name: 'binary CE, logits, soft targets, smoothing', loss: new BinaryCrossentropy({ fromLogits: true, labelSmoothing: 0.1 }), yTrue: () => tf.tensor2d([[0.3, 0.9], [0.5, 0.1]]), yPred: () => logits([2, 2]) },
  { name: 'mean squared error', loss: new MeanSquaredError(), yTrue: () => logits([3, 2]), yPred: () => logits([3, 2]) },
  { name: 'mean squared error, rank 3', loss: new MeanSquaredError(), yTrue: () => logits([2, 2, 2]), yPred: () => logits([2, 2, 2]) },
  { name: 'categorical CE, logits, axis 1', loss: new CategoricalCrossentropy({ fromLogits: true, axis: 1 }), yTrue: () => tf.transpose(tf.reshape(oneHot([0, 2, 1, 1], 3), [2, 2, 3]), [0, 2, 1]), yPred: () => logits([2, 3, 2]) },
  { name: 'sparse CE, logits, axis 1', loss: new SparseCategoricalCrossentropy({ fromLogits: true, axis: 1 }), yTrue: () => tf.tensor2d([[0, 2], [1, 1]], [2, 2], 'int32'), yPred: () => logits([2, 3, 2]) },
  { name: 'binary focal, probabilities', loss: new BinaryFocalCrossentropy({ gamma: 2 }), yTrue: () => bits([3, 2]), yPred: () => probabilities(3, 2) },
  { name: 'binary focal, logits, balancing, smoothing', loss: new BinaryFocalCrossentropy({ fromLogits: true, applyClassBalancing: true, alpha: 0.3, gamma: 1.5, labelSmoothing: 0.1 }), yTrue: () => bits([3, 2]), yPred: () => logits([3, 2]) },
  { name: 'categorical focal, probabilities', loss: new CategoricalFocalCrossentropy(), yTrue: () => oneHot([1, 0, 2], 3), yPred: () => probabilities(3, 3) },
  { name: 'categorical focal, logits, per-class alpha', loss: new CategoricalFocalCrossentropy({ fromLogits: true, alpha: [0.5, 1, 2], gamma: 3, labelSmoothing: 0.2 }), yTrue: () => oneHot([2, 1], 3), yPred: () => logits([2, 3]) },
  { name: 'mean absolute error', loss: new MeanAbsoluteError(), yTrue: () => spread([3, 2], -2, -0.5), yPred: () => spread([3, 2], 0.5, 2) },
  { name: 'mean absolute percentage error', loss: new MeanAbsolutePercentageError(), yTrue: () => spread([3, 2], 1, 3), yPred: () => spread([3, 2], -1, 0.5) },
  { name: 'mean squared logarithmic error', loss: new MeanSquaredLogarithmicError(), yTrue: () => spread([3, 2], 0, 4), yPred: () => spread([3, 2], 0.1, 4) },
  { name: 'huber, both regimes', loss: new Huber({ delta: 0.8 }), yTrue: () => tf.tensor2d([[0, 0], [1, -1]]), yPred: () => tf.tensor2d([[0.3, -2], [1.5, 1.2]]) },
  { name: 'log cosh', loss: new LogCosh(), yTrue: () => logits([3, 2]), yPred: () => logits([3, 2], 4) },
  { name: 'kl divergence', loss: new KLDivergence(), yTrue: () => probabilities(3, 3), yPred: () => probabilities(3, 3) },
  { name: 'poisson', loss: new Poisson(), yTrue: () => tf.tensor2d([[0, 1], [3, 2], [1, 5]]), yPred: () => spread([3, 2], 0.5, 4) },
  { name: 'cosine similarity', loss: new CosineSimilarity(), yTrue: () => logits([3, 3]), yPred: () => logits([3, 3]) },
  { name: 'cosine similarity, axis 1, rank 3', loss: new CosineSimilarity({ axis: 1 }), yTrue: () => logits([2, 3, 2]), yPred: () => logits([2, 3, 2]) },
  { name: 'hinge, {0, 1} labels', loss: new Hinge(), yTrue: () => tf.tensor2d([[0, 1], [1, 1], [0, 0]]), yPred: () => tf.tensor2d([[0.3, -0.4], [0.2, 0.6], [-0.5, 0.1]]) },
  { name: 'squared hinge, {-1, 1} labels', loss: new SquaredHinge(), yTrue: () => tf.tensor2d([[-1, 1], [1, -1]]), yPred: () => tf.tensor2d([[0.3, -0.4], [1.5, 0.6]]) },
  { name: 'categorical hinge', loss: new CategoricalHinge(), yTrue: () => oneHot([0, 2], 3), yPred: () => tf.tensor2d([[0.2, 0.9, -0.3], [0.5, -0.1, 0.7]]) },
  { name: 'dice over the batch', loss: new Dice(), yTrue: () => bits([2, 2, 2]), yPred: () => spread([2, 2, 2], 0.1, 0.9) },
  { name: 'dice per sample', loss: new Dice({ axis: [1, 2] }), yTrue: () => bits([2, 2, 2]), yPred: () => spread([2, 2, 2], 0.1, 0.9) },
  { name: 'tversky per sample', loss: new Tversky({ alpha: 0.3, beta: 0.7, axis: 1 }), yTrue: () => bits([3, 4]), yPred: () => spread([3, 4], 0.1, 0.9) },
];

describe('loss gradients agree with central finite differences', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  for (const c of cases) {
    it(c.name, () => {
      const yTrue = c.yTrue();
      const yPred = c.yPred();
      const before = tf.memory().numTensors;
      const meanLoss = (p: Tensor): Tensor => tf.mean(c.loss.call(yTrue, p));
      const analytic = tf.grad(meanLoss)(yPred);
      const numeric = finiteDifferenceGradient(meanLoss, yPred, 1e-3);
      expect(mismatches(analytic.dataSync(), numeric, { rtol: 1e-2, atol: 1e-4 })).toEqual([]);
      // The gradient is not trivially small: the comparison above has something to compare.
      expect(Math.max(...Array.from(numeric, Math.abs))).toBeGreaterThan(1e-2);
      analytic.dispose();
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([yTrue, yPred]);
    });
  }
});
