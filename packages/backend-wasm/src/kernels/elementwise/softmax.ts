import { Softmax } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, SoftmaxAttrs, TensorInfo } from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../../backend/backend.js';
import { WASM_BACKEND_NAME } from '../../backend/backend-name.js';
import { scratchPerThread } from '../scratch.js';
import { splitRange, threadsFor } from '../split.js';

/** Floating-point operations per element of a softmax (max, subtract, exp, add, divide). */
const FLOPS_PER_ELEMENT = 20;

/**
 * Softmax over the last axis (float32) in the module, one pass per row (`softmaxRows`), rows split
 * over threads for large inputs. tfjs-backend-cpu runs it as five kernels (max, subtract, exp, sum,
 * divide) with an array each; the module computes the same roundings in the same order (the maximum
 * with NaN winning, `exp` of the float32 difference rounded to float32, a float64 sum rounded to
 * float32, a float32 quotient). Other axes (cpu rejects them) and dtypes go to cpu.
 */
export const softmax: KernelFunc = ({ inputs, backend, attrs }) => {
  const { logits } = inputs as { logits: TensorInfo };
  const { dim } = attrs as unknown as SoftmaxAttrs;
  const wasm = backend as LayerwiseWasmBackend;
  const rank = logits.shape.length;
  const lastAxis = dim === -1 || dim === rank - 1;
  if (logits.dtype !== 'float32' || rank === 0 || !lastAxis) return wasm.runCpuKernel(Softmax, inputs, attrs);
  const size = wasm.values(logits).length;
  const n = logits.shape[rank - 1]!;
  if (size === 0 || n === 0) return wasm.makeTensorInfo(logits.shape, 'float32', new Float32Array(size));
  const rows = size / n;
  const { runtime } = wasm;
  runtime.arena.reset();
  const px = wasm.input(logits);
  const threads = threadsFor(size * FLOPS_PER_ELEMENT, rows, runtime.threads);
  return wasm.writeOutput(logits.shape, size, (out) => {
    const chunks = splitRange(rows, threads).map(([r0, r1]) => [{ fn: 'softmaxRows', args: [px, out, n, r0, r1] } as const]);
    runtime.run({ chunks, scratch: scratchPerThread(runtime, () => []) });
  });
};

export const softmaxConfig: KernelConfig = { kernelName: Softmax, backendName: WASM_BACKEND_NAME, kernelFunc: softmax };
