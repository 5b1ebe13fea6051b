import * as tf from '@tensorflow/tfjs-core';
import type { Layer } from '@layerwise/layers';

/** Deterministic values in [lo, hi], the same on every backend (computed in JavaScript). */
export function fixedValues(count: number, seed: number, lo = -1, hi = 1): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const s = Math.sin(seed * 12.9898 + i * 78.233) * 43758.5453;
    out[i] = lo + (hi - lo) * (s - Math.floor(s));
  }
  return out;
}

/** The output and gradients of one layer on the active backend, read back asynchronously. */
export interface LayerResult {
  readonly y: Float32Array;
  readonly dx: Float32Array;
  readonly dweights: Float32Array[];
}

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * Builds the layer, loads fixed weights (in [0.2, 1], so variances stay positive), and computes
 * y = layer(x) and the gradients of sum(y * r) with respect to x and each trainable weight.
 * Only `await data()`: synchronous reads throw on WebGPU in Node. Disposes everything it made.
 */
export async function runLayerCase(make: () => Layer, xShape: readonly number[]): Promise<LayerResult> {
  const layer = make();
  const x = tf.tensor(fixedValues(sizeOf(xShape), 1), [...xShape]);
  try {
    layer.ensureBuilt(x.shape);
    const values = layer.weights.map((w, i) => tf.tensor(fixedValues(sizeOf(w.variable.shape), 10 + i, 0.2, 1), w.variable.shape));
    layer.setWeights(values);
    tf.dispose(values);
    const y = layer.apply(x) as tf.Tensor;
    const r = tf.tensor(fixedValues(y.size, 2), y.shape);
    const loss = (input: tf.Tensor) => tf.sum(tf.mul(layer.apply(input) as tf.Tensor, r)) as tf.Scalar;
    const dx = tf.grad(loss)(x);
    const variables = layer.trainableWeights.map((w) => w.variable);
    const { value, grads } = variables.length > 0 ? tf.variableGrads(() => loss(x), variables) : { value: undefined, grads: {} as tf.NamedTensorMap };
    const result = {
      y: (await y.data()) as Float32Array,
      dx: (await dx.data()) as Float32Array,
      dweights: await Promise.all(variables.map(async (v) => (await grads[v.name]!.data()) as Float32Array)),
    };
    tf.dispose([y, r, dx]);
    if (value) value.dispose();
    tf.dispose(grads);
    return result;
  } finally {
    layer.dispose();
    x.dispose();
  }
}

/** The largest difference between two arrays, relative to the reference's largest magnitude. */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let scale = 1e-6;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]!));
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  return Number.isNaN(worst) ? Infinity : worst / scale;
}
