import { util } from '@tensorflow/tfjs-core';
import type { backend_util, TensorInfo } from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../backend/backend.js';
import { columnRows, geometryCall } from './conv-geometry.js';
import { scratchArg, scratchPerThread } from './scratch.js';
import { splitRange, threadsFor } from './split.js';

function isPointwise(info: backend_util.Conv2DInfo): boolean {
  return (
    info.filterHeight === 1 && info.filterWidth === 1 && info.strideHeight === 1 && info.strideWidth === 1 &&
    info.padInfo.top === 0 && info.padInfo.left === 0 &&
    info.outHeight === info.inHeight && info.outWidth === info.inWidth
  );
}

function patchSize(info: backend_util.Conv2DInfo): number {
  return info.filterHeight * info.filterWidth * info.inChannels;
}

/** Per-thread scratch for the convolutions: an im2col buffer and the two GEMM packing areas (words 0 to 2). */
function scratch(backend: LayerwiseWasmBackend, info: backend_util.Conv2DInfo, gemmN: number, colRows: number) {
  const { runtime } = backend;
  const { arena, exports } = runtime;
  return scratchPerThread(runtime, () => [
    isPointwise(info) ? 0 : arena.alloc(colRows * patchSize(info) * 4),
    arena.alloc(exports.packASize()),
    arena.alloc(exports.packBSize(gemmN)),
  ]);
}

const [COL, PACK_A, PACK_B, PARTIAL] = [0, 1, 2, 3].map(scratchArg) as [number, number, number, number];

/** How many chunks to cut work for `threads` threads into (more than one each, to balance). */
function chunksFor(threads: number): number {
  return threads > 1 ? threads * 4 : 1;
}

/**
 * NHWC convolution `act(conv(x, filter) + bias)` in the module (float32), split over threads by
 * output rows. `bias` (optional) has one value per output channel.
 */
export function runConv2D(
  backend: LayerwiseWasmBackend,
  x: TensorInfo,
  filter: TensorInfo,
  info: backend_util.Conv2DInfo,
  bias: Float32Array | undefined,
  act: number,
): TensorInfo {
  const outSize = util.sizeFromShape(info.outShape);
  if (outSize === 0) return backend.makeTensorInfo(info.outShape, 'float32', new Float32Array(0));
  const { runtime } = backend;
  const { arena } = runtime;
  arena.reset();
  const px = backend.input(x);
  const pf = backend.input(filter);
  const pBias = bias ? arena.write(bias) : 0;
  const rows = info.batchSize * info.outHeight * info.outWidth;
  const co = info.outChannels;
  const threads = threadsFor(2 * rows * patchSize(info) * co, Math.ceil(rows / 4), runtime.threads);
  const colRows = columnRows(info);
  return backend.writeOutput(info.outShape, outSize, (py) => {
    const chunks = splitRange(rows, chunksFor(threads), 4).map(([r0, r1]) => [
      geometryCall(info),
      { fn: 'conv2d', args: [px, pf, co, py, pBias, act, r0, r1, COL, colRows, PACK_A, PACK_B] } as const,
    ]);
    runtime.run({ chunks, scratch: scratch(backend, info, co, colRows) });
  });
}

/** Gradient of an NHWC convolution with respect to its input, split over threads by image. */
export function runConv2DBackpropInput(
  backend: LayerwiseWasmBackend,
  dy: TensorInfo,
  filter: TensorInfo,
  info: backend_util.Conv2DInfo,
): TensorInfo {
  const inSize = util.sizeFromShape(info.inShape);
  if (inSize === 0) return backend.makeTensorInfo(info.inShape, 'float32', new Float32Array(0));
  const { runtime } = backend;
  runtime.arena.reset();
  const pdy = backend.input(dy);
  const pf = backend.input(filter);
  const kkc = patchSize(info);
  const co = info.outChannels;
  const flops = 2 * info.batchSize * info.outHeight * info.outWidth * kkc * co;
  const threads = threadsFor(flops, info.batchSize, runtime.threads);
  const colRows = columnRows(info);
  return backend.writeOutput(info.inShape, inSize, (pdx) => {
    const chunks = splitRange(info.batchSize, chunksFor(threads)).map(([n0, n1]) => [
      geometryCall(info),
      { fn: 'conv2dBackpropInput', args: [pdy, pf, co, pdx, n0, n1, COL, colRows, PACK_A, PACK_B] } as const,
    ]);
    runtime.run({ chunks, scratch: scratch(backend, info, kkc, colRows) });
  });
}

/**
 * Gradient of an NHWC convolution with respect to its filter, over chunks of output rows
 * (scratch word 3: each thread's partial sum).
 */
export function runConv2DBackpropFilter(
  backend: LayerwiseWasmBackend,
  x: TensorInfo,
  dy: TensorInfo,
  info: backend_util.Conv2DInfo,
): TensorInfo {
  const kkc = patchSize(info);
  const co = info.outChannels;
  const size = kkc * co;
  if (size === 0) return backend.makeTensorInfo(info.filterShape, 'float32', new Float32Array(0));
  const { runtime } = backend;
  const { arena } = runtime;
  arena.reset();
  const px = backend.input(x);
  const pdy = backend.input(dy);
  const rows = info.batchSize * info.outHeight * info.outWidth;
  const threads = threadsFor(2 * rows * size, Math.ceil(rows / 4), runtime.threads);
  const ranges = splitRange(rows, chunksFor(threads), 4);
  const colRows = columnRows(info);
  return backend.writeOutput(info.filterShape, size, (dw) => {
    // Each thread sums its chunks into its own zeroed copy of the gradient (the main thread's is
    // the output); the copies are added last.
    const words = scratchPerThread(runtime, () => [0, arena.alloc(runtime.exports.packASize()), arena.alloc(runtime.exports.packBSize(co)), 0]);
    words.forEach((w, i) => {
      w[0] = isPointwise(info) ? 0 : arena.alloc(colRows * kkc * 4);
      w[3] = i === 0 ? dw : arena.alloc(size * 4);
      arena.zero(w[3], size);
    });
    const chunks = ranges.map(([r0, r1]) => [
      geometryCall(info),
      { fn: 'conv2dBackpropFilter', args: [px, pdy, co, PARTIAL, 1, r0, r1, COL, colRows, PACK_A, PACK_B] } as const,
    ]);
    runtime.run({ chunks, scratch: words });
    runtime.call(words.slice(1).map((w) => ({ fn: 'addInto', args: [dw, w[3]!, size] }) as const));
  });
}
