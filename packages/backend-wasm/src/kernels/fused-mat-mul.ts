import { _FusedMatMul } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../backend/backend.js';
import { WASM_BACKEND_NAME } from '../backend/backend-name.js';
import { Activation } from '../wasm/abi.js';
import { applyUnfused, planEpilogue } from './fused-epilogue.js';
import { runMatMul } from './mat-mul-core.js';

interface FusedMatMulInputs {
  a: TensorInfo;
  b: TensorInfo;
  bias?: TensorInfo;
  preluActivationWeights?: TensorInfo;
}

interface FusedMatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
  activation?: string;
  leakyreluAlpha?: number;
}

/**
 * `_FusedMatMul` (tf.fused.matMul, used by dense layers): the GEMM with the bias add and a linear,
 * relu or relu6 activation done in its epilogue; other activations and biases run as separate
 * kernels after it.
 */
export const fusedMatMul: KernelFunc = ({ inputs, backend, attrs }) => {
  const { a, b, bias, preluActivationWeights } = inputs as unknown as FusedMatMulInputs;
  const { transposeA, transposeB, activation, leakyreluAlpha } = attrs as unknown as FusedMatMulAttrs;
  const wasm = backend as LayerwiseWasmBackend;
  if (a.dtype !== 'float32' || b.dtype !== 'float32') {
    return wasm.runCpuKernel(_FusedMatMul, inputs, attrs);
  }
  const n = transposeB ? b.shape[b.shape.length - 2]! : b.shape[b.shape.length - 1]!;
  const epilogue = planEpilogue(wasm, bias, activation, n);
  if (epilogue) return runMatMul(wasm, a, b, transposeA, transposeB, epilogue.bias, epilogue.act);
  const product = runMatMul(wasm, a, b, transposeA, transposeB, undefined, Activation.linear);
  return applyUnfused(wasm, product, bias, activation, preluActivationWeights, leakyreluAlpha);
};

export const fusedMatMulConfig: KernelConfig = {
  kernelName: _FusedMatMul,
  backendName: WASM_BACKEND_NAME,
  kernelFunc: fusedMatMul,
};
