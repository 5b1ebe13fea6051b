import { broadcast_util, util } from '@tensorflow/tfjs-core';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../backend/backend.js';
import type { WasmCall } from '../wasm/abi.js';
import { scratchArg, scratchPerThread } from './scratch.js';
import { splitRange, threadsFor } from './split.js';

/** The shapes of a batched matrix product, as tfjs' BatchMatMul defines them. */
export interface MatMulShape {
  readonly m: number;
  readonly n: number;
  readonly k: number;
  /** Output batch count (product of the broadcast outer dimensions). */
  readonly batch: number;
  /** Output shape: broadcast outer dimensions, then [m, n]. */
  readonly outShape: number[];
  /** For each output batch, the batch index into a and into b. */
  batchIndex(i: number): [number, number];
  /** Constant strides (in batches) of a and b over the output batches, when broadcasting allows. */
  readonly strides: readonly [number, number] | undefined;
}

/** Computes the product's shapes; throws like tfjs-backend-cpu when the inner sizes differ. */
export function matMulShape(aShape: number[], bShape: number[], transposeA: boolean, transposeB: boolean): MatMulShape {
  const ra = aShape.length;
  const rb = bShape.length;
  const k = transposeA ? aShape[ra - 2]! : aShape[ra - 1]!;
  const kb = transposeB ? bShape[rb - 1]! : bShape[rb - 2]!;
  const m = transposeA ? aShape[ra - 1]! : aShape[ra - 2]!;
  const n = transposeB ? bShape[rb - 2]! : bShape[rb - 1]!;
  const outerA = aShape.slice(0, -2);
  const outerB = bShape.slice(0, -2);
  const outer = broadcast_util.assertAndGetBroadcastShape(outerA, outerB);
  util.assert(
    k === kb,
    () =>
      `Error in matMul: inner shapes (${k}) and (${kb}) of Tensors with shapes ${aShape} and ${bShape} and ` +
      `transposeA=${transposeA} and transposeB=${transposeB} must match.`,
  );
  const batch = util.sizeFromShape(outer);
  const batchA = util.sizeFromShape(outerA);
  const batchB = util.sizeFromShape(outerB);
  const indexOf = broadcastIndexer(outer, outerA);
  const indexOfB = broadcastIndexer(outer, outerB);
  const strideOf = (size: number) => (size === batch ? 1 : size === 1 ? 0 : undefined);
  const sa = strideOf(batchA);
  const sb = strideOf(batchB);
  return {
    m,
    n,
    k,
    batch,
    outShape: [...outer, m, n],
    batchIndex: (i) => [indexOf(i), indexOfB(i)],
    strides: sa !== undefined && sb !== undefined ? [sa, sb] : undefined,
  };
}

/** Maps a flat index over `outer` to the flat index over `inner` that broadcasts to it. */
function broadcastIndexer(outer: number[], inner: number[]): (i: number) => number {
  const padded = [...new Array<number>(outer.length - inner.length).fill(1), ...inner];
  const innerStrides = util.computeStrides(padded);
  return (i) => {
    let index = 0;
    for (let d = outer.length - 1; d >= 0; d--) {
      const size = outer[d]!;
      const coordinate = i % size;
      i = Math.floor(i / size);
      if (padded[d] !== 1) index += coordinate * (d === padded.length - 1 ? 1 : innerStrides[d]!);
    }
    return index;
  };
}

/**
 * Runs `act(op(a) op(b) + bias)` in the module and returns the float32 result. `bias` (optional)
 * has n values, added to every row. Splits the work over the runtime's threads by batch, or by
 * rows or columns of one product.
 */
export function runMatMul(
  backend: LayerwiseWasmBackend,
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
  bias: Float32Array | undefined,
  act: number,
): TensorInfo {
  const shape = matMulShape(a.shape, b.shape, transposeA, transposeB);
  const size = shape.batch * shape.m * shape.n;
  if (size === 0) return backend.makeTensorInfo(shape.outShape, 'float32', new Float32Array(0));
  const { arena } = backend.runtime;
  arena.reset();
  const pa = backend.input(a);
  const pb = backend.input(b);
  const pBias = bias ? arena.write(bias) : 0;
  return backend.writeOutput(shape.outShape, size, (pc) => multiply(backend, shape, pa, pb, pc, transposeA, transposeB, pBias, act));
}

/** Runs the product of {@link runMatMul} from operands at `pa` and `pb` into `pc`. */
function multiply(
  backend: LayerwiseWasmBackend,
  shape: MatMulShape,
  pa: number,
  pb: number,
  pc: number,
  transposeA: boolean,
  transposeB: boolean,
  pBias: number,
  act: number,
): void {
  const { m, n, k, batch } = shape;
  const size = batch * m * n;
  const { runtime } = backend;
  const { arena, exports } = runtime;
  const lda = transposeA ? m : k;
  const ldb = transposeB ? k : n;
  const aSize = m * k;
  const bSize = k * n;
  const cSize = m * n;
  const flops = 2 * size * k;

  if (!shape.strides) {
    // Irregular broadcasting of the batch dimensions: one product at a time, this thread only.
    const packA = arena.alloc(exports.packASize());
    const packB = arena.alloc(exports.packBSize(n));
    for (let i = 0; i < batch; i++) {
      const [ia, ib] = shape.batchIndex(i);
      exports.gemm(+transposeA, +transposeB, m, n, k, pa + ia * aSize * 4, lda, pb + ib * bSize * 4, ldb,
        pc + i * cSize * 4, n, 0, pBias, act, packA, packB);
    }
    return;
  }

  const [sa, sb] = shape.strides;
  const packA = scratchArg(0);
  const packB = scratchArg(1);
  const strided = (b0: number, b1: number, rows: readonly [number, number], cols: readonly [number, number]): WasmCall => {
    const [i0, i1] = rows;
    const [j0, j1] = cols;
    const aOffset = transposeA ? i0 : i0 * lda;
    const bOffset = transposeB ? j0 * ldb : j0;
    return {
      fn: 'gemmStrided',
      args: [
        b1 - b0, sa * aSize, sb * bSize, cSize, +transposeA, +transposeB, i1 - i0, j1 - j0, k,
        pa + (b0 * sa * aSize + aOffset) * 4, lda, pb + (b0 * sb * bSize + bOffset) * 4, ldb,
        pc + (b0 * cSize + i0 * n + j0) * 4, n, 0, pBias ? pBias + j0 * 4 : 0, act, packA, packB,
      ],
    };
  };

  // One chunk per thread: by batch when there are enough products; else by columns (when
  // m <= n, so each thread packs all of the smaller A) or by rows.
  const byBatch = batch >= runtime.threads;
  const byColumns = !byBatch && m <= n;
  const units = byBatch ? batch : byColumns ? Math.ceil(n / 8) : Math.ceil(m / 4);
  const threads = threadsFor(flops, units, runtime.threads);
  const ranges = byBatch ? splitRange(batch, threads) : splitRange(byColumns ? n : m, threads, byColumns ? 8 : 4);
  const widest = byColumns ? Math.max(...ranges.map(([s, e]) => e - s)) : n;
  const scratch = scratchPerThread(runtime, () => [arena.alloc(exports.packASize()), arena.alloc(exports.packBSize(widest))]);
  const chunks = ranges.map((range) => {
    if (byBatch) return [strided(range[0], range[1], [0, m], [0, n])];
    if (byColumns) return [strided(0, batch, [0, m], range)];
    return [strided(0, batch, range, [0, n])];
  });
  runtime.run({ chunks, scratch });
}
