import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { describe, expect, it } from 'vitest';

// AvgPool with 'same' padding averages each border window over its in-bounds pixels; its gradient
// must do the same (tfjs-core's own gradient does not; @layerwise/core registers a corrected one).
// Checked on this backend against central finite differences.

function numericGradient(f: (x: tf.Tensor) => tf.Scalar, values: number[], shape: number[], eps = 1e-2): number[] {
  return values.map((_, i) => {
    const plus = values.slice();
    const minus = values.slice();
    plus[i]! += eps;
    minus[i]! -= eps;
    return tf.tidy(() => (f(tf.tensor(plus, shape)).dataSync()[0]! - f(tf.tensor(minus, shape)).dataSync()[0]!) / (2 * eps));
  });
}

describe("AvgPool's gradient on layerwise-wasm", () => {
  it.each([
    [3, 1, 'same'],
    [3, 2, 'same'],
    [2, 2, 'valid'],
  ] as const)('window %i, stride %i, %s padding matches finite differences', async (size, stride, pad) => {
    await useBackend('layerwise-wasm');
    const shape: [number, number, number, number] = [2, 5, 5, 3];
    const count = shape.reduce((a, b) => a * b, 1);
    const values = Array.from({ length: count }, (_, i) => Math.sin(i * 1.7));
    const projection = tf.tensor(Array.from({ length: 2 * 5 * 5 * 3 }, (_, i) => Math.cos(i * 0.9)), [2, 5, 5, 3]);
    const outShape = tf.avgPool(tf.zeros(shape) as tf.Tensor4D, size, stride, pad).shape;
    const w = tf.slice(projection, [0, 0, 0, 0], outShape);
    const f = (x: tf.Tensor) => tf.sum(tf.mul(tf.avgPool(x as tf.Tensor4D, size, stride, pad), w)) as tf.Scalar;
    const analytic = Array.from(await tf.grad(f)(tf.tensor(values, shape)).data());
    const numeric = numericGradient(f, values, shape);
    const worst = Math.max(...analytic.map((a, i) => Math.abs(a - numeric[i]!)));
    expect(worst).toBeLessThan(2e-3);
  });
});
