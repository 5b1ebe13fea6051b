import * as tf from '@tensorflow/tfjs-core';
import type { Tensor4D } from '@tensorflow/tfjs-core';

/** A one-image, one-channel batch `[1, h, w, 1]` from rows of pixel values. */
export function imageOf(rows: readonly (readonly number[])[]): Tensor4D {
  return tf.tensor4d(rows.flat(), [1, rows.length, rows[0]!.length, 1]);
}

/** The pixel rows of a one-image, one-channel batch. */
export function rowsOf(x: tf.Tensor): number[][] {
  const [, h, w] = x.shape as number[];
  const data = Array.from(x.dataSync());
  return Array.from({ length: h! }, (_, r) => data.slice(r * w!, (r + 1) * w!));
}

/** Rows of a `size` x `size` checkerboard of `cell`-pixel squares (0 and 1). */
export function checkerboard(size: number, cell: number): number[][] {
  return Array.from({ length: size }, (_, r) => Array.from({ length: size }, (_, c) => (Math.floor(r / cell) + Math.floor(c / cell)) % 2));
}

/** `rows` with every value rounded to 4 decimals (bilinear sampling at whole pixels is exact up to float error). */
export const rounded = (rows: number[][]) => rows.map((r) => r.map((v) => Math.round(v * 1e4) / 1e4 + 0));
