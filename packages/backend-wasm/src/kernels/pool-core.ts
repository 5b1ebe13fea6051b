import { util } from '@tensorflow/tfjs-core';
import type { backend_util, TensorInfo } from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../backend/backend.js';
import type { WasmCallName } from '../wasm/abi.js';
import { geometryCall } from './conv-geometry.js';
import { scratchPerThread } from './scratch.js';
import { splitRange, threadsFor } from './split.js';

/** Which pooling export to run and how its arguments are laid out. */
export type PoolKind = 'maxPool' | 'avgPool' | 'maxPoolGrad' | 'avgPoolGrad';

/**
 * Runs a pooling kernel (or its gradient) in the module on float32 NHWC data, split over threads
 * by image. `inputs` are copied in order; the output has `outShape`. For the gradients the output
 * is the input gradient; `scale` is avgPoolGrad's multiplier.
 */
export function runPool(
  backend: LayerwiseWasmBackend,
  kind: PoolKind,
  info: backend_util.Conv2DInfo,
  inputs: readonly TensorInfo[],
  outShape: number[],
  scale = 1,
): TensorInfo {
  const outSize = util.sizeFromShape(outShape);
  if (outSize === 0) return backend.makeTensorInfo(outShape, 'float32', new Float32Array(0));
  const { runtime } = backend;
  const { arena } = runtime;
  arena.reset();
  const pointers = inputs.map((t) => backend.input(t));
  const work = info.batchSize * info.outHeight * info.outWidth * info.inChannels * info.filterHeight * info.filterWidth;
  // Pooling is memory-bound: one window element costs about as much time as ten GEMM flops.
  const threads = threadsFor(work * 10, info.batchSize, runtime.threads);
  const fn: WasmCallName = kind;
  return backend.writeOutput(outShape, outSize, (out) => {
    const chunks = splitRange(info.batchSize, threads > 1 ? threads * 2 : 1).map(([n0, n1]) => {
      const args = kind === 'avgPoolGrad' ? [...pointers, out, scale, n0, n1] : [...pointers, out, n0, n1];
      return [geometryCall(info), { fn, args }];
    });
    runtime.run({ chunks, scratch: scratchPerThread(runtime, () => []) });
  });
}
