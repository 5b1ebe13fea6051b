import { Neg, Sqrt, Square } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../../backend/backend.js';
import { WASM_BACKEND_NAME } from '../../backend/backend-name.js';

// Branch-free float32 unary ops an optimizer step uses (Adam: square, sqrt), one monomorphic
// loop each, rounded to float32 on store as tfjs-backend-cpu does.

function unary(kernelName: string, loop: (x: Float32Array, out: Float32Array) => void): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { x } = inputs as { x: TensorInfo };
    const wasm = backend as LayerwiseWasmBackend;
    if (x.dtype !== 'float32') return wasm.runCpuKernel(kernelName, inputs, attrs);
    const v = wasm.values(x);
    const out = wasm.output(v.length);
    loop(v, out);
    return wasm.makeTensorInfo(x.shape, 'float32', out);
  };
}

function squareLoop(x: Float32Array, out: Float32Array): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    out[i] = v * v;
  }
}

function sqrtLoop(x: Float32Array, out: Float32Array): void {
  for (let i = 0; i < x.length; i++) out[i] = Math.sqrt(x[i]!);
}

function negLoop(x: Float32Array, out: Float32Array): void {
  for (let i = 0; i < x.length; i++) out[i] = -x[i]!;
}

export const squareConfig: KernelConfig = { kernelName: Square, backendName: WASM_BACKEND_NAME, kernelFunc: unary(Square, squareLoop) };
export const sqrtConfig: KernelConfig = { kernelName: Sqrt, backendName: WASM_BACKEND_NAME, kernelFunc: unary(Sqrt, sqrtLoop) };
export const negConfig: KernelConfig = { kernelName: Neg, backendName: WASM_BACKEND_NAME, kernelFunc: unary(Neg, negLoop) };
