import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { SeededRandom } from '@layerwise/core';

/** Relative tolerance of every comparison with tfjs-backend-cpu. */
export const RTOL = 1e-5;
/** Absolute tolerance per term of the reduction (float32 sums drift with their length). */
export const ATOL_PER_TERM = 2e-7;

/** Uniform values in [-1, 1) from a seeded generator. */
export function randomValues(random: SeededRandom, size: number): Float32Array {
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = random.next() * 2 - 1;
  return values;
}

/** Runs `fn` with `backend` active and returns the values of the tensors it returns, disposed. */
export async function runOn(backend: string, fn: () => Tensor | Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const result = tf.tidy(fn);
  const tensors = Array.isArray(result) ? result : [result];
  const values = await Promise.all(tensors.map(async (t) => Float32Array.from(await t.data())));
  tf.dispose(tensors);
  return values;
}

/**
 * The indices where `actual` and `expected` differ by more than RTOL relative plus an absolute
 * floor of ATOL_PER_TERM times the reduction length, with both values, at most `limit` of them.
 */
export function mismatches(actual: Float32Array, expected: Float32Array, reduction: number, limit = 5): string[] {
  if (actual.length !== expected.length) return [`length ${actual.length} != ${expected.length}`];
  const atol = ATOL_PER_TERM * Math.max(1, reduction);
  const out: string[] = [];
  for (let i = 0; i < actual.length && out.length < limit; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    const same = Object.is(a, e) || (Number.isNaN(a) && Number.isNaN(e));
    if (!same && !(Math.abs(a - e) <= atol + RTOL * Math.abs(e))) out.push(`[${i}] ${a} vs cpu ${e}`);
  }
  return out;
}

/** Runs `fn` on tfjs-backend-cpu and on `backend` and returns the mismatches of every output. */
export async function compareWithCpu(backend: string, fn: () => Tensor | Tensor[], reduction: number): Promise<string[]> {
  const expected = await runOn('cpu', fn);
  const actual = await runOn(backend, fn);
  return actual.flatMap((values, i) => mismatches(values, expected[i]!, reduction).map((m) => `output ${i}: ${m}`));
}
