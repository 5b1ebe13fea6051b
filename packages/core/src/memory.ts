import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, TensorContainer } from '@tensorflow/tfjs-core';

/** The number of live tensors in the engine. */
export function countTensors(): number {
  return tf.memory().numTensors;
}

/**
 * Disposes every tensor found in `value` (a tensor, or arrays and plain objects of them);
 * anything else is ignored. Safe on already disposed tensors.
 */
export function disposeAll(value: TensorContainer | undefined | null): void {
  if (value == null) return;
  tf.dispose(value);
}

/**
 * Runs `fn` and reports how many tensors it left alive (created and not disposed), beside its
 * result. Tests use it to assert that fit, evaluate and predict leak nothing.
 */
export async function measureTensorLeak<T>(fn: () => T | Promise<T>): Promise<{ result: T; leaked: number }> {
  const before = countTensors();
  const result = await fn();
  return { result, leaked: countTensors() - before };
}

/** Reads a scalar tensor's value and disposes the tensor. */
export async function readScalar(tensor: Tensor): Promise<number> {
  try {
    const data = await tensor.data();
    return data[0] as number;
  } finally {
    tensor.dispose();
  }
}
