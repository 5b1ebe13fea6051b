// Reductions: combining per-thread partial results, and column sums for bias gradients.

import { addFloats } from './simd';

/** `dst[i] += src[i]` for `n` floats. */
export function addInto(dst: usize, src: usize, n: i32): void {
  addFloats(dst, src, n);
}

/**
 * Column sums of a rows x cols float matrix whose rows are `stride` floats apart (a column range
 * of a wider matrix): `out[j] = sum_i x[i][j]`, accumulated in float64 row by row
 * (tfjs-backend-cpu's order and precision, so the results are identical) in `acc`, a scratch
 * area of `cols` float64s. Four rows are added per pass over `acc` (in row order, so the sums are
 * the same), a quarter of the accumulator loads and stores.
 */
export function sumColumns(x: usize, rows: i32, cols: i32, stride: i32, out: usize, acc: usize): void {
  for (let j = 0; j < cols; j++) store<f64>(acc + (<usize>j << 3), 0);
  const rowBytes = <usize>stride << 2;
  let i = 0;
  for (; i + 4 <= rows; i += 4) {
    const row = x + <usize>i * rowBytes;
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      for (; j + 4 <= cols; j += 4) {
        const p = row + (<usize>j << 2);
        const a = acc + (<usize>j << 3);
        let lo = v128.load(a);
        let hi = v128.load(a, 16);
        for (let r: usize = 0; r < 4; r++) {
          const v = v128.load(p + r * rowBytes);
          lo = f64x2.add(lo, f64x2.promote_low_f32x4(v));
          hi = f64x2.add(hi, f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 0, 1)));
        }
        v128.store(a, lo);
        v128.store(a, hi, 16);
      }
    }
    for (; j < cols; j++) {
      const p = row + (<usize>j << 2);
      const a = acc + (<usize>j << 3);
      let s = load<f64>(a);
      s += <f64>load<f32>(p);
      s += <f64>load<f32>(p + rowBytes);
      s += <f64>load<f32>(p + 2 * rowBytes);
      s += <f64>load<f32>(p + 3 * rowBytes);
      store<f64>(a, s);
    }
  }
  for (; i < rows; i++) {
    const row = x + <usize>i * rowBytes;
    for (let j = 0; j < cols; j++) {
      const a = acc + (<usize>j << 3);
      store<f64>(a, load<f64>(a) + <f64>load<f32>(row + (<usize>j << 2)));
    }
  }
  for (let j = 0; j < cols; j++) store<f32>(out + (<usize>j << 2), <f32>load<f64>(acc + (<usize>j << 3)));
}
