import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkInteger, checkOptions, formatShape, invalidArgument, LayerwiseError } from '@layerwise/core';

/** Class labels: integer labels, or one row of scores (probabilities, logits, one-hot) per sample. */
export type ClassLabels = Tensor | readonly number[];

/** Options of {@link confusionMatrix}. */
export interface ConfusionMatrixOptions {
  /** The number of classes (default one more than the largest label seen). */
  numClasses?: number;
}

/** Integer labels from a list, a 1D tensor of labels, or a 2D tensor of scores (argmax per row). */
export async function toLabels(owner: string, argument: string, labels: ClassLabels): Promise<number[]> {
  if (Array.isArray(labels)) return [...labels];
  const tensor = labels as Tensor;
  if (tensor?.rank === 1) return Array.from(await tensor.data());
  if (tensor?.rank === 2) {
    const argmax = tf.argMax(tensor, 1);
    try {
      return Array.from(await argmax.data());
    } finally {
      argmax.dispose();
    }
  }
  throw invalidArgument({ owner, argument, expected: 'a list of labels, labels [n], or scores [n, classes]', received: Array.isArray(tensor?.shape) ? formatShape(tensor.shape) : labels });
}

/**
 * The confusion matrix (as `sklearn.metrics.confusion_matrix`): `matrix[t][p]` counts the samples
 * of true class `t` predicted as `p`. Labels are integers, or score rows (probabilities, logits or
 * one-hot) read by their largest entry.
 *
 * @example
 * ```ts
 * const matrix = await confusionMatrix(testLabels, await model.predict(testImages));
 * ```
 */
export async function confusionMatrix(yTrue: ClassLabels, yPred: ClassLabels, options: ConfusionMatrixOptions = {}): Promise<number[][]> {
  checkOptions('confusionMatrix', options, ['numClasses']);
  const truth = await toLabels('confusionMatrix', 'yTrue', yTrue);
  const predicted = await toLabels('confusionMatrix', 'yPred', yPred);
  if (truth.length !== predicted.length) {
    throw new LayerwiseError(`confusionMatrix: yTrue has ${truth.length} samples and yPred ${predicted.length}; they must match`);
  }
  [...truth, ...predicted].forEach((label) => checkInteger('confusionMatrix', 'label', label, 0));
  const classes = options.numClasses === undefined ? Math.max(-1, ...truth, ...predicted) + 1 : checkInteger('confusionMatrix', 'numClasses', options.numClasses);
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  truth.forEach((t, i) => {
    const p = predicted[i]!;
    if (t >= classes || p >= classes) throw invalidArgument({ owner: 'confusionMatrix', argument: 'label', expected: `a class below numClasses=${classes}`, received: Math.max(t, p) });
    matrix[t]![p]! += 1;
  });
  return matrix;
}

/** Each class's accuracy (recall): the diagonal over the row sum; NaN for a class with no samples. */
export function perClassAccuracy(matrix: readonly (readonly number[])[]): number[] {
  return matrix.map((row, t) => {
    const total = row.reduce((a, b) => a + b, 0);
    return total === 0 ? Number.NaN : row[t]! / total;
  });
}
