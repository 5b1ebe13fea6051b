// Packing for the GEMM: copies a block of op(A) into 4-row panels and a block of op(B) into 8-column
// panels, so the micro-kernel reads both with unit stride. Transposition happens here, which is why
// every transpose variant of the GEMM runs at the same speed. Partial panels are zero-padded.

export const MR: i32 = 4;
export const NR: i32 = 8;

/** Transposes the 4x4 block held in rows r0..r3 and stores its columns at dst, dst+stride, ... */
// @ts-ignore: decorator
@inline
function transpose4x4Store(r0: v128, r1: v128, r2: v128, r3: v128, dst: usize, stride: usize): void {
  const t0 = i32x4.shuffle(r0, r1, 0, 4, 1, 5);
  const t1 = i32x4.shuffle(r0, r1, 2, 6, 3, 7);
  const t2 = i32x4.shuffle(r2, r3, 0, 4, 1, 5);
  const t3 = i32x4.shuffle(r2, r3, 2, 6, 3, 7);
  v128.store(dst, i32x4.shuffle(t0, t2, 0, 1, 4, 5));
  v128.store(dst + stride, i32x4.shuffle(t0, t2, 2, 3, 6, 7));
  v128.store(dst + 2 * stride, i32x4.shuffle(t1, t3, 0, 1, 4, 5));
  v128.store(dst + 3 * stride, i32x4.shuffle(t1, t3, 2, 3, 6, 7));
}

/**
 * Packs rows i0..i0+mc and columns k0..k0+kc of op(A) into panels of MR rows: panel p holds
 * `dst[p*kc*MR + k*MR + r] = op(A)[i0 + p*MR + r][k0 + k]`. `op(A)` is A (M x K, row stride lda)
 * or, when transA, the transpose of A stored K x M.
 */
export function packA(transA: i32, a: usize, lda: i32, i0: i32, mc: i32, k0: i32, kc: i32, dst: usize): void {
  const ldaB = <usize>lda << 2;
  for (let p = 0; p < mc; p += MR) {
    const rows = min(MR, mc - p);
    const panel = dst + (<usize>(p * kc) << 2);
    const i = i0 + p;
    if (transA) {
      // Row k of the stored matrix holds op(A)[i..i+3][k] contiguously.
      let src = a + (<usize>k0 * ldaB) + (<usize>i << 2);
      if (ASC_FEATURE_SIMD && rows == MR) {
        for (let k = 0; k < kc; k++) {
          v128.store(panel + (<usize>k << 4), v128.load(src));
          src += ldaB;
        }
      } else {
        for (let k = 0; k < kc; k++) {
          const d = panel + (<usize>k << 4);
          for (let r = 0; r < MR; r++) {
            store<f32>(d + (<usize>r << 2), r < rows ? load<f32>(src + (<usize>r << 2)) : 0);
          }
          src += ldaB;
        }
      }
    } else {
      const src = a + (<usize>i * ldaB) + (<usize>k0 << 2);
      if (ASC_FEATURE_SIMD && rows == MR) {
        let k = 0;
        for (; k + 4 <= kc; k += 4) {
          const s = src + (<usize>k << 2);
          transpose4x4Store(v128.load(s), v128.load(s + ldaB), v128.load(s + 2 * ldaB), v128.load(s + 3 * ldaB),
            panel + (<usize>k << 4), 16);
        }
        for (; k < kc; k++) {
          const s = src + (<usize>k << 2);
          const d = panel + (<usize>k << 4);
          store<f32>(d, load<f32>(s));
          store<f32>(d, load<f32>(s + ldaB), 4);
          store<f32>(d, load<f32>(s + 2 * ldaB), 8);
          store<f32>(d, load<f32>(s + 3 * ldaB), 12);
        }
      } else {
        for (let k = 0; k < kc; k++) {
          const s = src + (<usize>k << 2);
          const d = panel + (<usize>k << 4);
          for (let r = 0; r < MR; r++) {
            store<f32>(d + (<usize>r << 2), r < rows ? load<f32>(s + <usize>r * ldaB) : 0);
          }
        }
      }
    }
  }
}

/**
 * Packs rows k0..k0+kc and columns j0..j0+nc of op(B) into panels of NR columns: panel q holds
 * `dst[q*kc*NR + k*NR + c] = op(B)[k0 + k][j0 + q*NR + c]`. `op(B)` is B (K x N, row stride ldb)
 * or, when transB, the transpose of B stored N x K.
 */
export function packB(transB: i32, b: usize, ldb: i32, k0: i32, kc: i32, j0: i32, nc: i32, dst: usize): void {
  const ldbB = <usize>ldb << 2;
  for (let q = 0; q < nc; q += NR) {
    const cols = min(NR, nc - q);
    const panel = dst + (<usize>(q * kc) << 2);
    const j = j0 + q;
    if (!transB) {
      let src = b + (<usize>k0 * ldbB) + (<usize>j << 2);
      if (ASC_FEATURE_SIMD && cols == NR) {
        for (let k = 0; k < kc; k++) {
          const d = panel + (<usize>k << 5);
          v128.store(d, v128.load(src));
          v128.store(d, v128.load(src, 16), 16);
          src += ldbB;
        }
      } else {
        for (let k = 0; k < kc; k++) {
          const d = panel + (<usize>k << 5);
          for (let c = 0; c < NR; c++) {
            store<f32>(d + (<usize>c << 2), c < cols ? load<f32>(src + (<usize>c << 2)) : 0);
          }
          src += ldbB;
        }
      }
    } else {
      // Row j of the stored matrix holds op(B)[k][j] for consecutive k.
      const src = b + (<usize>j * ldbB) + (<usize>k0 << 2);
      if (ASC_FEATURE_SIMD && cols == NR) {
        let k = 0;
        for (; k + 4 <= kc; k += 4) {
          const s = src + (<usize>k << 2);
          const d = panel + (<usize>k << 5);
          transpose4x4Store(v128.load(s), v128.load(s + ldbB), v128.load(s + 2 * ldbB), v128.load(s + 3 * ldbB), d, 32);
          const s4 = s + 4 * ldbB;
          transpose4x4Store(v128.load(s4), v128.load(s4 + ldbB), v128.load(s4 + 2 * ldbB), v128.load(s4 + 3 * ldbB),
            d + 16, 32);
        }
        for (; k < kc; k++) {
          const s = src + (<usize>k << 2);
          const d = panel + (<usize>k << 5);
          for (let c = 0; c < NR; c++) store<f32>(d + (<usize>c << 2), load<f32>(s + <usize>c * ldbB));
        }
      } else {
        for (let k = 0; k < kc; k++) {
          const s = src + (<usize>k << 2);
          const d = panel + (<usize>k << 5);
          for (let c = 0; c < NR; c++) {
            store<f32>(d + (<usize>c << 2), c < cols ? load<f32>(s + <usize>c * ldbB) : 0);
          }
        }
      }
    }
  }
}
