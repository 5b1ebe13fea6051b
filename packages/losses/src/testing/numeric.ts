import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';

/**
 * Indices where `actual` and `expected` differ by more than `rtol * |expected| + atol`, with
 * the values, for test failure messages (empty when they agree, and when lengths match).
 */
export function mismatches(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  { rtol, atol }: { rtol: number; atol: number },
): string[] {
  if (actual.length !== expected.length) return [`length ${actual.length} != ${expected.length}`];
  const bad: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as number;
    const e = expected[i] as number;
    if (!(Math.abs(a - e) <= rtol * Math.abs(e) + atol)) bad.push(`[${i}] got ${a}, expected ${e}`);
  }
  return bad;
}

/**
 * The gradient of the scalar `f(x)` with respect to `x` by central differences,
 * `(f(x + eps e_i) - f(x - eps e_i)) / (2 eps)` for every element `i` (in float32).
 */
export function finiteDifferenceGradient(f: (x: Tensor) => Tensor, x: Tensor, eps: number): Float32Array {
  const base = x.dataSync() as Float32Array;
  const grad = new Float32Array(base.length);
  for (let i = 0; i < base.length; i++) {
    const at = (delta: number): number =>
      tf.tidy(() => {
        const shifted = Float32Array.from(base);
        shifted[i] = (shifted[i] as number) + delta;
        return f(tf.tensor(shifted, x.shape, 'float32')).dataSync()[0] as number;
      });
    grad[i] = (at(eps) - at(-eps)) / (2 * eps);
  }
  return grad;
}
