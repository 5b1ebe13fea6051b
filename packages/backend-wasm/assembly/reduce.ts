// Reductions: combining per-thread partial results, and column sums for bias gradients.

import { addFloats } from './simd';

/** `dst[i] += src[i]` for `n` floats. */
export function addInto(dst: usize, src: usize, n: i32): void {
  addFloats(dst, src, n);
}

/**
 * Column sums of a rows x cols float matrix: `out[j] = sum_i x[i][j]`, accumulated in float64 row
 * by row (tfjs-backend-cpu's order and precision, so the results are identical) in `acc`, a
 * scratch area of `cols` float64s.
 */
export function sumColumns(x: usize, rows: i32, cols: i32, out: usize, acc: usize): void {
  for (let j = 0; j < cols; j++) store<f64>(acc + (<usize>j << 3), 0);
  for (let i = 0; i < rows; i++) {
    const row = x + (<usize>(i * cols) << 2);
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const v = v128.load(row + (<usize>j << 2));
      const a = acc + (<usize>j << 3);
      v128.store(a, f64x2.add(v128.load(a), f64x2.promote_low_f32x4(v)));
      v128.store(a, f64x2.add(v128.load(a, 16), f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 0, 1))), 16);
    }
    for (; j < cols; j++) {
      const a = acc + (<usize>j << 3);
      store<f64>(a, load<f64>(a) + <f64>load<f32>(row + (<usize>j << 2)));
    }
  }
  for (let j = 0; j < cols; j++) store<f32>(out + (<usize>j << 2), <f32>load<f64>(acc + (<usize>j << 3)));
}
