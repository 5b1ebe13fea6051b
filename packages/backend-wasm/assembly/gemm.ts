// The packed GEMM driver: C = beta*C + op(A) op(B) (+ bias) then activation, row-major, f32.
// Blocking follows GotoBLAS: the K dimension is cut into KC-deep slices, N into NC-wide blocks
// whose packed B slice stays in L2, and M into MC-tall blocks whose packed A lives beside it;
// the micro-kernel then sweeps 4x8 tiles with the current B panel hot in L1.

import { packA, packB, MR, NR } from './pack';
import { microKernel } from './microkernel';

export const KC: i32 = 256;
export const MC: i32 = 128;
export const NC: i32 = 2048;

/** Bytes the `packA` workspace of {@link gemm} needs: one MC x KC block plus a 4x8 tile. */
export function packASize(): i32 {
  return (MC * KC + MR * NR) << 2;
}

/** Bytes the `packB` workspace of {@link gemm} needs for an N-column product. */
export function packBSize(n: i32): i32 {
  const nc = min(n, NC);
  return (KC * ((nc + NR - 1) / NR) * NR) << 2;
}

/**
 * `C = beta*C + op(A) op(B)`, then `+ bias` (per column, when `bias != 0`) and the activation
 * `act` (0 linear, 1 relu, 2 relu6) once the whole K sum is in. op(A) is M x K, op(B) is K x N;
 * `transA`/`transB` say the operand is stored transposed. Leading dimensions are in floats.
 * `packAWork` and `packBWork` are scratch areas of {@link packASize} and {@link packBSize} bytes.
 * K = 0 gives `beta*C + bias` through the activation.
 */
export function gemm(
  transA: i32, transB: i32, M: i32, N: i32, K: i32,
  a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32,
  beta: i32, bias: usize, act: i32, packAWork: usize, packBWork: usize,
): void {
  const tile = packAWork + (<usize>(MC * KC) << 2);
  const ldcB = <usize>ldc << 2;
  for (let jc = 0; jc < N; jc += NC) {
    const nc = min(NC, N - jc);
    let pc = 0;
    do {
      const kc = min(KC, K - pc);
      const first = pc == 0;
      const last = pc + kc >= K;
      packB(transB, b, ldb, pc, kc, jc, nc, packBWork);
      const blockBeta = first ? beta : 1;
      const blockAct = last ? act : 0;
      for (let ic = 0; ic < M; ic += MC) {
        const mc = min(MC, M - ic);
        packA(transA, a, lda, ic, mc, pc, kc, packAWork);
        for (let jr = 0; jr < nc; jr += NR) {
          const cols = min(NR, nc - jr);
          const bPanel = packBWork + (<usize>(jr * kc) << 2);
          const j = jc + jr;
          const blockBias = last && bias != 0 ? bias + (<usize>j << 2) : 0;
          for (let ir = 0; ir < mc; ir += MR) {
            const rows = min(MR, mc - ir);
            microKernel(
              kc, packAWork + (<usize>(ir * kc) << 2), bPanel,
              c + <usize>(ic + ir) * ldcB + (<usize>j << 2), ldc, rows, cols,
              blockBeta, blockBias, blockAct, tile,
            );
          }
        }
      }
      pc += KC;
    } while (pc < K);
  }
}

/**
 * {@link gemm} over `batch` matrices at fixed strides (in floats; 0 repeats one operand for every
 * batch). The bias, when given, is the same for every batch.
 */
export function gemmStrided(
  batch: i32, strideA: i32, strideB: i32, strideC: i32,
  transA: i32, transB: i32, M: i32, N: i32, K: i32,
  a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32,
  beta: i32, bias: usize, act: i32, packAWork: usize, packBWork: usize,
): void {
  for (let i = 0; i < batch; i++) {
    gemm(transA, transB, M, N, K,
      a + (<usize>i * <usize>strideA << 2), lda,
      b + (<usize>i * <usize>strideB << 2), ldb,
      c + (<usize>i * <usize>strideC << 2), ldc,
      beta, bias, act, packAWork, packBWork);
  }
}
