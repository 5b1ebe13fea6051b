// NHWC 2-D convolution and its two gradients, as im2col/col2im plus the packed GEMM. The geometry
// comes from setGeometry; rows row0..row1 of the output (pixels (n, oh, ow) flattened) are done in
// chunks of `colRows` rows so the column buffer `col` (colRows x KH*KW*C floats) stays in cache.
// A 1x1, stride-1, unpadded convolution skips im2col: the image already is the column matrix.

import { gemm } from './gemm';
import { im2col, col2im, isPointwise } from './im2col';
import { gH, gW, gC, gKH, gKW, gOH, gOW } from './geometry';
import { zeroFloats } from './simd';

/**
 * Forward convolution of output rows row0..row1: `y = act(conv(x, f) + bias)`. The filter `f` is
 * [KH, KW, C, CO]; `bias` (0 for none) has CO floats; `act` is an activation code.
 */
export function conv2d(
  x: usize, f: usize, CO: i32, y: usize, bias: usize, act: i32,
  row0: i32, row1: i32, col: usize, colRows: i32, packA: usize, packB: usize,
): void {
  const kkc = gKH * gKW * gC;
  if (isPointwise()) {
    gemm(0, 0, row1 - row0, CO, kkc, x + (<usize>(row0 * kkc) << 2), kkc, f, CO,
      y + (<usize>(row0 * CO) << 2), CO, 0, bias, act, packA, packB);
    return;
  }
  for (let r = row0; r < row1; r += colRows) {
    const rows = min(colRows, row1 - r);
    im2col(x, r, rows, col);
    gemm(0, 0, rows, CO, kkc, col, kkc, f, CO, y + (<usize>(r * CO) << 2), CO, 0, bias, act, packA, packB);
  }
}

/**
 * Gradient of the convolution with respect to its input, for images n0..n1: `dx = col2im(dy f^T)`.
 * Overwrites those images of `dx`.
 */
export function conv2dBackpropInput(
  dy: usize, f: usize, CO: i32, dx: usize,
  n0: i32, n1: i32, col: usize, colRows: i32, packA: usize, packB: usize,
): void {
  const kkc = gKH * gKW * gC;
  const rowsPerImage = gOH * gOW;
  const row0 = n0 * rowsPerImage;
  const row1 = n1 * rowsPerImage;
  if (isPointwise()) {
    gemm(0, 1, row1 - row0, kkc, CO, dy + (<usize>(row0 * CO) << 2), CO, f, CO,
      dx + (<usize>(row0 * kkc) << 2), kkc, 0, 0, 0, packA, packB);
    return;
  }
  const imageSize = gH * gW * gC;
  zeroFloats(dx + (<usize>(n0 * imageSize) << 2), (n1 - n0) * imageSize);
  for (let r = row0; r < row1; r += colRows) {
    const rows = min(colRows, row1 - r);
    gemm(0, 1, rows, kkc, CO, dy + (<usize>(r * CO) << 2), CO, f, CO, col, kkc, 0, 0, 0, packA, packB);
    col2im(col, r, rows, dx);
  }
}

/**
 * Gradient of the convolution with respect to its filter over output rows row0..row1:
 * `dw = beta*dw + im2col(x)^T dy`, a [KH, KW, C, CO] array.
 */
export function conv2dBackpropFilter(
  x: usize, dy: usize, CO: i32, dw: usize, beta: i32,
  row0: i32, row1: i32, col: usize, colRows: i32, packA: usize, packB: usize,
): void {
  const kkc = gKH * gKW * gC;
  if (row1 <= row0) {
    if (!beta) zeroFloats(dw, kkc * CO);
    return;
  }
  if (isPointwise()) {
    gemm(1, 0, kkc, CO, row1 - row0, x + (<usize>(row0 * kkc) << 2), kkc, dy + (<usize>(row0 * CO) << 2), CO,
      dw, CO, beta, 0, 0, packA, packB);
    return;
  }
  for (let r = row0; r < row1; r += colRows) {
    const rows = min(colRows, row1 - r);
    im2col(x, r, rows, col);
    gemm(1, 0, kkc, CO, rows, col, kkc, dy + (<usize>(r * CO) << 2), CO, dw, CO, r == row0 ? beta : 1, 0, 0,
      packA, packB);
  }
}
