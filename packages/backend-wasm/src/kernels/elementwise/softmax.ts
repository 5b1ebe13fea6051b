import { Softmax } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, SoftmaxAttrs, TensorInfo } from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../../backend/backend.js';
import { WASM_BACKEND_NAME } from '../../backend/backend-name.js';

/**
 * Softmax over the last axis (float32) in one pass per row, written straight into the output.
 * tfjs-backend-cpu runs it as five kernels (max, subtract, exp, sum, divide) with an array each;
 * this computes the same roundings in the same order (the maximum with NaN winning, `exp` of the
 * float32 difference rounded to float32, a float64 sum rounded to float32, a float32 quotient), so
 * results are identical. Other axes (cpu rejects them) and dtypes go to cpu.
 */
export const softmax: KernelFunc = ({ inputs, backend, attrs }) => {
  const { logits } = inputs as { logits: TensorInfo };
  const { dim } = attrs as unknown as SoftmaxAttrs;
  const wasm = backend as LayerwiseWasmBackend;
  const rank = logits.shape.length;
  const lastAxis = dim === -1 || dim === rank - 1;
  if (logits.dtype !== 'float32' || rank === 0 || !lastAxis) return wasm.runCpuKernel(Softmax, inputs, attrs);
  const x = wasm.values(logits);
  const n = logits.shape[rank - 1]!;
  const out = wasm.output(x.length);
  const e = new Float32Array(n);
  for (let offset = 0; offset < x.length; offset += n) {
    let max = x[offset]!;
    for (let j = 0; j < n; j++) {
      const v = x[offset + j]!;
      if (Number.isNaN(v) || v > max) max = v;
    }
    let sum = 0;
    for (let j = 0; j < n; j++) {
      e[j] = Math.exp(Math.fround(x[offset + j]! - max));
      sum += e[j]!;
    }
    const total = Math.fround(sum);
    for (let j = 0; j < n; j++) out[offset + j] = e[j]! / total;
  }
  return wasm.makeTensorInfo(logits.shape, 'float32', out);
};

export const softmaxConfig: KernelConfig = { kernelName: Softmax, backendName: WASM_BACKEND_NAME, kernelFunc: softmax };
