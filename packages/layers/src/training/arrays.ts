import * as tf from '@tensorflow/tfjs-core';

/** Plain JavaScript numbers in nested arrays (`[[0, 1], [1, 0]]`), as users have data before tensors. */
export type NumericArray = readonly number[] | readonly NumericArray[];

/** Whether `value` is a non-empty nested array of numbers (not a list of tensors). */
export function isNumericArray(value: unknown): value is NumericArray {
  if (!Array.isArray(value) || value.length === 0) return false;
  const first: unknown = value[0];
  return typeof first === 'number' || isNumericArray(first);
}

/**
 * Runs `run` with every numeric array among `values` turned into a tensor (float32; shapes checked
 * by tfjs), disposing those tensors afterwards; other values pass through unchanged. Lets `fit`,
 * `evaluate` and `predict` take plain arrays as Keras takes NumPy arrays.
 */
export async function withArrayInputs<T>(values: readonly unknown[], run: (converted: unknown[]) => Promise<T>): Promise<T> {
  const owned: tf.Tensor[] = [];
  const converted = values.map((value) => {
    if (!isNumericArray(value)) return value;
    const tensor = tf.tensor(value as number[]);
    owned.push(tensor);
    return tensor;
  });
  try {
    return await run(converted);
  } finally {
    tf.dispose(owned);
  }
}
