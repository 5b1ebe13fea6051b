import type { Tensor } from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

/** Asserts two tensors hold the same values within `atol + rtol * |b|` (exactly with zeros). */
export function expectClose(a: Tensor, b: Tensor, atol = 1e-5, rtol = 1e-4): void {
  expect(a.shape).toEqual(b.shape);
  const x = a.dataSync();
  const y = b.dataSync();
  let worst = 0;
  for (let i = 0; i < y.length; i++) worst = Math.max(worst, Math.abs(x[i]! - y[i]!) - rtol * Math.abs(y[i]!));
  expect(worst).toBeLessThanOrEqual(atol);
}

/** Asserts two tensors are bit for bit equal. */
export function expectIdentical(a: Tensor, b: Tensor): void {
  expect(a.shape).toEqual(b.shape);
  expect(Buffer.from(new Float32Array(a.dataSync()).buffer).equals(Buffer.from(new Float32Array(b.dataSync()).buffer))).toBe(true);
}
