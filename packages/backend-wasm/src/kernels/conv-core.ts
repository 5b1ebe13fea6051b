import { util } from '@tensorflow/tfjs-core';
import type { backend_util, TensorInfo } from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../backend/backend.js';
import { columnRows, geometryCall } from './conv-geometry.js';
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

/** Per-thread scratch for the convolutions: an im2col buffer and the two GEMM packing areas. */
function scratch(backend: LayerwiseWasmBackend, info: backend_util.Conv2DInfo, gemmN: number, colRows: number) {
  const { arena, exports } = backend.runtime;
  const col = isPointwise(info) ? 0 : arena.alloc(colRows * patchSize(info) * 4);
  return { col, packA: arena.alloc(exports.packASize()), packB: arena.alloc(exports.packBSize(gemmN)) };
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
  const px = arena.write(backend.values(x));
  const pf = arena.write(backend.values(filter));
  const pBias = bias ? arena.write(bias) : 0;
  const py = arena.alloc(outSize * 4);
  const rows = info.batchSize * info.outHeight * info.outWidth;
  const co = info.outChannels;
  const threads = threadsFor(2 * rows * patchSize(info) * co, Math.ceil(rows / 4), runtime.threads);
  const colRows = columnRows(info);
  const tasks = splitRange(rows, threads, 4).map(([r0, r1]) => {
    const { col, packA, packB } = scratch(backend, info, co, colRows);
    return [
      geometryCall(info),
      { fn: 'conv2d', args: [px, pf, co, py, pBias, act, r0, r1, col, colRows, packA, packB] } as const,
    ];
  });
  runtime.run(tasks);
  return backend.makeTensorInfo(info.outShape, 'float32', arena.read(py, outSize));
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
  const { arena } = runtime;
  arena.reset();
  const pdy = arena.write(backend.values(dy));
  const pf = arena.write(backend.values(filter));
  const pdx = arena.alloc(inSize * 4);
  const kkc = patchSize(info);
  const co = info.outChannels;
  const flops = 2 * info.batchSize * info.outHeight * info.outWidth * kkc * co;
  const threads = threadsFor(flops, info.batchSize, runtime.threads);
  const colRows = columnRows(info);
  const tasks = splitRange(info.batchSize, threads).map(([n0, n1]) => {
    const { col, packA, packB } = scratch(backend, info, kkc, colRows);
    return [
      geometryCall(info),
      { fn: 'conv2dBackpropInput', args: [pdy, pf, co, pdx, n0, n1, col, colRows, packA, packB] } as const,
    ];
  });
  runtime.run(tasks);
  return backend.makeTensorInfo(info.inShape, 'float32', arena.read(pdx, inSize));
}

/**
 * Gradient of an NHWC convolution with respect to its filter. Threads take ranges of output rows,
 * each summing into its own copy of the filter gradient; the copies are added at the end.
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
  const px = arena.write(backend.values(x));
  const pdy = arena.write(backend.values(dy));
  const rows = info.batchSize * info.outHeight * info.outWidth;
  const threads = threadsFor(2 * rows * size, Math.ceil(rows / 4), runtime.threads);
  const ranges = splitRange(rows, threads, 4);
  if (ranges.length === 0) ranges.push([0, 0]);
  const partials = ranges.map(() => arena.alloc(size * 4));
  const colRows = columnRows(info);
  const tasks = ranges.map(([r0, r1], t) => {
    const { col, packA, packB } = scratch(backend, info, co, colRows);
    return [
      geometryCall(info),
      { fn: 'conv2dBackpropFilter', args: [px, pdy, co, partials[t]!, 0, r0, r1, col, colRows, packA, packB] } as const,
    ];
  });
  runtime.run(tasks);
  const dw = partials[0]!;
  runtime.call(partials.slice(1).map((p) => ({ fn: 'addInto', args: [dw, p, size] }) as const));
  return backend.makeTensorInfo(info.filterShape, 'float32', arena.read(dw, size));
}
