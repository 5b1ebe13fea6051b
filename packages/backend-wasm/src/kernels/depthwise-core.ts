import { util } from '@tensorflow/tfjs-core';
import type { backend_util, TensorInfo } from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../backend/backend.js';
import { geometryCall } from './conv-geometry.js';
import { scratchArg, scratchPerThread } from './scratch.js';
import { splitRange, threadsFor } from './split.js';

// Depthwise convolutions in the module. The kernels there take a channel multiplier of 1; for a
// multiplier M > 1 the input is first written with each channel repeated M times (then channel
// c*M + q of the output reads channel c*M + q of that copy, as the [KH, KW, C, M] filter read as
// [KH, KW, C*M] says), and the input gradient of that copy is summed back per group of M.

/** The geometry the module's depthwise kernels see: the input with C*M channels. */
function expandedGeometry(info: backend_util.Conv2DInfo) {
  return geometryCall({ ...info, inChannels: info.outChannels });
}

function multiplier(info: backend_util.Conv2DInfo): number {
  return info.outChannels / info.inChannels;
}

/** Chunks to cut work for `threads` threads into (several each, to balance). */
function chunksFor(threads: number): number {
  return threads > 1 ? threads * 4 : 1;
}

/** The address of x with each channel repeated M times (x itself for M = 1), in the arena. */
function expandedInput(backend: LayerwiseWasmBackend, x: TensorInfo, info: backend_util.Conv2DInfo): number {
  const px = backend.input(x);
  const m = multiplier(info);
  if (m === 1) return px;
  const { arena, exports } = backend.runtime;
  const pixels = info.batchSize * info.inHeight * info.inWidth;
  const xe = arena.alloc(pixels * info.outChannels * 4);
  exports.expandChannels(px, xe, pixels, info.inChannels, m);
  return xe;
}

/**
 * NHWC depthwise convolution `act(depthwiseConv(x, filter) + bias)` (float32), split over threads
 * by output pixels. `bias` (optional) has one value per output channel.
 */
export function runDepthwiseConv2D(
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
  const px = expandedInput(backend, x, info);
  const pf = backend.input(filter);
  const pBias = bias ? arena.write(bias) : 0;
  const rows = info.batchSize * info.outHeight * info.outWidth;
  const flops = 2 * outSize * info.filterHeight * info.filterWidth;
  const threads = threadsFor(flops * 2, rows, runtime.threads);
  return backend.writeOutput(info.outShape, outSize, (py) => {
    const chunks = splitRange(rows, chunksFor(threads)).map(([r0, r1]) => [
      expandedGeometry(info),
      { fn: 'depthwiseConv2d', args: [px, pf, py, pBias, act, r0, r1] } as const,
    ]);
    runtime.run({ chunks, scratch: scratchPerThread(runtime, () => []) });
  });
}

/**
 * Gradient of an NHWC depthwise convolution with respect to its input. With stride 1 it is itself
 * a depthwise convolution, of `dy` with the filter flipped in both spatial axes and the padding
 * mirrored (KH-1-top, KW-1-left), so it runs as the forward kernel, summing each input pixel's
 * taps in registers, split by pixels; otherwise each output gradient is scattered to the pixels
 * it read, split by image.
 */
export function runDepthwiseConv2DBackpropInput(
  backend: LayerwiseWasmBackend,
  dy: TensorInfo,
  filter: TensorInfo,
  info: backend_util.Conv2DInfo,
): TensorInfo {
  const inSize = util.sizeFromShape(info.inShape);
  if (inSize === 0) return backend.makeTensorInfo(info.inShape, 'float32', new Float32Array(0));
  const { runtime } = backend;
  const { arena, exports } = runtime;
  arena.reset();
  const pdy = backend.input(dy);
  const m = multiplier(info);
  const pixels = info.batchSize * info.inHeight * info.inWidth;
  const flops = 2 * util.sizeFromShape(info.outShape) * info.filterHeight * info.filterWidth;
  // (The mirrored padding must not be negative: call arguments never are. It is not for 'same'
  // and 'valid' padding; explicit padding wider than the filter takes the scatter form.)
  const gather =
    info.strideHeight === 1 && info.strideWidth === 1 &&
    info.padInfo.top < info.filterHeight && info.padInfo.left < info.filterWidth;
  const pf = gather ? arena.write(flipped(backend.values(filter), info)) : backend.input(filter);
  const threads = threadsFor(flops * 2, gather ? pixels : info.batchSize, runtime.threads);
  return backend.writeOutput(info.inShape, inSize, (pdx) => {
    const target = m === 1 ? pdx : arena.alloc(pixels * info.outChannels * 4);
    const geometry = gather ? transposedGeometry(info) : expandedGeometry(info);
    const ranges = splitRange(gather ? pixels : info.batchSize, chunksFor(threads));
    const chunks = ranges.map(([i0, i1]) => [
      geometry,
      gather
        ? ({ fn: 'depthwiseConv2d', args: [pdy, pf, target, 0, 0, i0, i1] } as const)
        : ({ fn: 'depthwiseConv2dBackpropInput', args: [pdy, pf, target, i0, i1] } as const),
    ]);
    runtime.run({ chunks, scratch: scratchPerThread(runtime, () => []) });
    if (m > 1) exports.sumChannelGroups(target, pdx, pixels, info.inChannels, m);
  });
}

/** A [KH, KW, C*M] depthwise filter flipped in both spatial axes. */
function flipped(filter: Float32Array, info: backend_util.Conv2DInfo): Float32Array {
  const { filterHeight: kh, filterWidth: kw, outChannels: c } = info;
  const out = new Float32Array(filter.length);
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      out.set(filter.subarray((i * kw + j) * c, (i * kw + j + 1) * c), ((kh - 1 - i) * kw + (kw - 1 - j)) * c);
    }
  }
  return out;
}

/**
 * The geometry that makes the forward kernel compute a stride-1 input gradient: `dy` (OH x OW,
 * C*M channels) is the input, the flipped filter slides over it with the padding mirrored, and the
 * output is H x W.
 */
function transposedGeometry(info: backend_util.Conv2DInfo) {
  return {
    fn: 'setGeometry',
    args: [
      info.outHeight, info.outWidth, info.outChannels, info.filterHeight, info.filterWidth, 1, 1, 1, 1,
      info.filterHeight - 1 - info.padInfo.top, info.filterWidth - 1 - info.padInfo.left, info.inHeight, info.inWidth,
    ],
  } as const;
}

/**
 * Gradient of an NHWC depthwise convolution with respect to its filter, over chunks of output
 * rows; each thread sums into its own zeroed copy (the main thread's is the output), added last.
 */
export function runDepthwiseConv2DBackpropFilter(
  backend: LayerwiseWasmBackend,
  x: TensorInfo,
  dy: TensorInfo,
  info: backend_util.Conv2DInfo,
): TensorInfo {
  const size = util.sizeFromShape(info.filterShape);
  if (size === 0) return backend.makeTensorInfo(info.filterShape, 'float32', new Float32Array(0));
  const { runtime } = backend;
  const { arena } = runtime;
  arena.reset();
  const px = expandedInput(backend, x, info);
  const pdy = backend.input(dy);
  const rows = info.batchSize * info.outHeight;
  const flops = 2 * util.sizeFromShape(info.outShape) * info.filterHeight * info.filterWidth;
  const threads = threadsFor(flops * 2, rows, runtime.threads);
  return backend.writeOutput(info.filterShape, size, (dw) => {
    const partials = scratchPerThread(runtime, () => [0]).map((_, i) => [i === 0 ? dw : arena.alloc(size * 4)]);
    for (const [p] of partials) arena.zero(p!, size);
    const chunks = rows === 0 ? [] : splitRange(rows, chunksFor(threads)).map(([r0, r1]) => [
      expandedGeometry(info),
      { fn: 'depthwiseConv2dBackpropFilter', args: [px, pdy, scratchArg(0), r0, r1] } as const,
    ]);
    runtime.run({ chunks, scratch: partials });
    runtime.call(partials.slice(1).map(([p]) => ({ fn: 'addInto', args: [dw, p!, size] }) as const));
  });
}
