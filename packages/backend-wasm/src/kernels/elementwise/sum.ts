import { backend_util, Sum, util } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, SumAttrs, TensorInfo } from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../../backend/backend.js';
import { WASM_BACKEND_NAME } from '../../backend/backend-name.js';
import { scratchPerThread } from '../scratch.js';
import { splitRange, threadsFor } from '../split.js';
import { FLOPS_PER_FLOAT } from './binary.js';

/**
 * Sum of float32 data over leading axes (a bias gradient: [N, H, W, C] summed to [C]; column sums
 * in the module, split over threads by columns when large) or trailing axes (JS loop), without
 * tfjs-backend-cpu's transpose. Sums in float64
 * in cpu's order, so results are identical. Other axes and dtypes go to cpu.
 */
export const sum: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x } = inputs as { x: TensorInfo };
  const { axis, keepDims } = attrs as unknown as SumAttrs;
  const wasm = backend as LayerwiseWasmBackend;
  if (x.dtype !== 'float32') return wasm.runCpuKernel(Sum, inputs, attrs);
  const rank = x.shape.length;
  const axes = [...new Set(util.parseAxisParam(axis, x.shape))].sort((p, q) => p - q);
  const leading = axes.every((a, i) => a === i);
  const trailing = axes.every((a, i) => a === rank - axes.length + i);
  if (!leading && !trailing) return wasm.runCpuKernel(Sum, inputs, attrs);
  const kept = x.shape.filter((_, d) => !axes.includes(d));
  const outShape = keepDims ? backend_util.expandShapeToKeepDim(kept, axes) : kept;
  const outSize = util.sizeFromShape(kept);
  const reduce = util.sizeFromShape(x.shape) / Math.max(outSize, 1);
  const v = wasm.values(x);
  if (axes.length === 0) {
    const out = wasm.output(outSize);
    out.set(v);
    return wasm.makeTensorInfo(outShape, 'float32', out);
  }
  if (trailing) {
    const out = wasm.output(outSize);
    for (let i = 0; i < outSize; i++) {
      let s = 0;
      for (let j = 0, at = i * reduce; j < reduce; j++) s += v[at + j]!;
      out[i] = s;
    }
    return wasm.makeTensorInfo(outShape, 'float32', out);
  }
  // Leading axes: column sums in the module, float64 accumulators, four columns at a time; large
  // sums split over threads by columns (each column still summed in cpu's order).
  const { runtime } = wasm;
  const { arena } = runtime;
  arena.reset();
  const px = wasm.input(x);
  const acc = arena.alloc(outSize * 8);
  const threads = threadsFor(v.length * FLOPS_PER_FLOAT, Math.floor(outSize / 4), runtime.threads);
  return wasm.writeOutput(outShape, outSize, (out) => {
    const chunks = splitRange(outSize, threads, 4).map(([j0, j1]) => [
      { fn: 'sumColumns', args: [px + j0 * 4, reduce, j1 - j0, outSize, out + j0 * 4, acc + j0 * 8] } as const,
    ]);
    runtime.run({ chunks, scratch: scratchPerThread(runtime, () => []) });
  });
};

export const sumConfig: KernelConfig = { kernelName: Sum, backendName: WASM_BACKEND_NAME, kernelFunc: sum };
