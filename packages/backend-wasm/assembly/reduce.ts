// Whole-array helpers used to combine per-thread partial results.

import { addFloats } from './simd';

/** `dst[i] += src[i]` for `n` floats. */
export function addInto(dst: usize, src: usize, n: i32): void {
  addFloats(dst, src, n);
}
