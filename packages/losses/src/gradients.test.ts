import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRandom, useBackend } from '@layerwise/core';
import type { Loss } from '@layerwise/core';
import { BinaryCrossentropy } from './binary-crossentropy.js';
import { CategoricalCrossentropy } from './categorical-crossentropy.js';
import { MeanSquaredError } from './mean-squared-error.js';
import { SparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';
import { finiteDifferenceGradient, mismatches } from './testing/numeric.js';

const random = new SeededRandom(7);
const uniform = (n: number, lo: number, hi: number): number[] => Array.from({ length: n }, () => lo + (hi - lo) * random.next());

/** Rows of well-conditioned probabilities (no entry near the clipping bounds), not normalised. */
const probabilities = (rows: number, cols: number): Tensor => tf.tensor2d(uniform(rows * cols, 0.05, 0.95), [rows, cols]);
const logits = (shape: number[], scale = 2): Tensor => tf.tensor(uniform(shape.reduce((a, b) => a * b, 1), -scale, scale), shape);
const oneHot = (labels: number[], classes: number): Tensor => tf.oneHot(tf.tensor1d(labels, 'int32'), classes, 1, 0, 'float32');

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
