import { BatchMatMul } from '@tensorflow/tfjs-core';
import type { BatchMatMulAttrs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../backend/backend.js';
import { WASM_BACKEND_NAME } from '../backend/backend-name.js';
import { Activation } from '../wasm/abi.js';
import { runMatMul } from './mat-mul-core.js';

/** BatchMatMul on the packed SIMD GEMM (float32; other dtypes go to tfjs-backend-cpu). */
export const batchMatMul: KernelFunc = ({ inputs, backend, attrs }) => {
  const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
  const { transposeA, transposeB } = attrs as unknown as BatchMatMulAttrs;
  const wasm = backend as LayerwiseWasmBackend;
  if (a.dtype !== 'float32' || b.dtype !== 'float32') {
    return wasm.runCpuKernel(BatchMatMul, { a, b }, attrs);
  }
  return runMatMul(wasm, a, b, transposeA, transposeB, undefined, Activation.linear);
};

export const batchMatMulConfig: KernelConfig = {
  kernelName: BatchMatMul,
  backendName: WASM_BACKEND_NAME,
  kernelFunc: batchMatMul,
};
