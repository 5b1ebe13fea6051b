// The 4x8 register-blocked micro-kernel: eight f32x4 accumulators hold a 4-row, 8-column tile of C
// while it walks one packed A panel (4 floats per k) and one packed B panel (8 floats per k). Larger
// tiles spill V8's 15 allocatable SIMD registers. The epilogue applies, in order: accumulation into
// C (beta = 1), a per-column bias, and the activation.

import { madd, activate, activateScalar } from './simd';
import { MR, NR } from './pack';

// @ts-ignore: decorator
@inline
function storeRow(dst: usize, v0: v128, v1: v128, beta: i32, bias: usize, act: i32): void {
  if (beta) {
    v0 = f32x4.add(v0, v128.load(dst));
    v1 = f32x4.add(v1, v128.load(dst, 16));
  }
  if (bias) {
    v0 = f32x4.add(v0, v128.load(bias));
    v1 = f32x4.add(v1, v128.load(bias, 16));
  }
  v128.store(dst, activate(v0, act));
  v128.store(dst, activate(v1, act), 16);
}

/**
 * Computes one tile: `C[0..rows][0..cols] (+)= Apanel * Bpanel` over `kc` steps, then bias and
 * activation. `bias` (0 for none) points at the tile's first column's bias. A partial tile
 * (rows < 4 or cols < 8) goes through `tile`, a 32-float scratch area, and is copied element-wise.
 */
export function microKernel(
  kc: i32, a: usize, b: usize, c: usize, ldc: i32, rows: i32, cols: i32,
  beta: i32, bias: usize, act: i32, tile: usize,
): void {
  if (!ASC_FEATURE_SIMD) {
    scalarTile(kc, a, b, tile);
    storeTile(tile, c, ldc, rows, cols, beta, bias, act);
    return;
  }
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let k = 0; k < kc; k++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let av = v128.load32_splat(a);
    c00 = madd(av, b0, c00); c01 = madd(av, b1, c01);
    av = v128.load32_splat(a, 4);
    c10 = madd(av, b0, c10); c11 = madd(av, b1, c11);
    av = v128.load32_splat(a, 8);
    c20 = madd(av, b0, c20); c21 = madd(av, b1, c21);
    av = v128.load32_splat(a, 12);
    c30 = madd(av, b0, c30); c31 = madd(av, b1, c31);
    a += 16;
    b += 32;
  }
  const ldcB = <usize>ldc << 2;
  if (rows == MR && cols == NR) {
    storeRow(c, c00, c01, beta, bias, act);
    storeRow(c + ldcB, c10, c11, beta, bias, act);
    storeRow(c + 2 * ldcB, c20, c21, beta, bias, act);
    storeRow(c + 3 * ldcB, c30, c31, beta, bias, act);
    return;
  }
  v128.store(tile, c00); v128.store(tile, c01, 16);
  v128.store(tile, c10, 32); v128.store(tile, c11, 48);
  v128.store(tile, c20, 64); v128.store(tile, c21, 80);
  v128.store(tile, c30, 96); v128.store(tile, c31, 112);
  storeTile(tile, c, ldc, rows, cols, beta, bias, act);
}

/** Copies the first `rows` x `cols` of a 4x8 `tile` into C, with accumulation, bias and activation. */
// @ts-ignore: decorator
@inline
function storeTile(tile: usize, c: usize, ldc: i32, rows: i32, cols: i32, beta: i32, bias: usize, act: i32): void {
  const ldcB = <usize>ldc << 2;
  for (let r = 0; r < rows; r++) {
    const dst = c + <usize>r * ldcB;
    const src = tile + (<usize>(r * NR) << 2);
    for (let j = 0; j < cols; j++) {
      const o = <usize>j << 2;
      let v = load<f32>(src + o);
      if (beta) v += load<f32>(dst + o);
      if (bias) v += load<f32>(bias + o);
      store<f32>(dst + o, activateScalar(v, act));
    }
  }
}

/**
 * The scalar build's tile product: `tile = Apanel * Bpanel` (4x8), computed as 2x4 blocks so the
 * eight accumulators and six operands fit the engine's floating-point registers.
 */
function scalarTile(kc: i32, a: usize, b: usize, tile: usize): void {
  for (let r = 0; r < MR; r += 2) {
    for (let j = 0; j < NR; j += 4) {
      let s00: f32 = 0, s01: f32 = 0, s02: f32 = 0, s03: f32 = 0;
      let s10: f32 = 0, s11: f32 = 0, s12: f32 = 0, s13: f32 = 0;
      let pa = a + (<usize>r << 2);
      let pb = b + (<usize>j << 2);
      for (let k = 0; k < kc; k++) {
        const a0 = load<f32>(pa);
        const a1 = load<f32>(pa, 4);
        const b0 = load<f32>(pb);
        const b1 = load<f32>(pb, 4);
        const b2 = load<f32>(pb, 8);
        const b3 = load<f32>(pb, 12);
        s00 += a0 * b0; s01 += a0 * b1; s02 += a0 * b2; s03 += a0 * b3;
        s10 += a1 * b0; s11 += a1 * b1; s12 += a1 * b2; s13 += a1 * b3;
        pa += MR << 2;
        pb += NR << 2;
      }
      const t0 = tile + (<usize>(r * NR + j) << 2);
      store<f32>(t0, s00); store<f32>(t0, s01, 4); store<f32>(t0, s02, 8); store<f32>(t0, s03, 12);
      const t1 = t0 + (NR << 2);
      store<f32>(t1, s10); store<f32>(t1, s11, 4); store<f32>(t1, s12, 8); store<f32>(t1, s13, 12);
    }
  }
}
