import { Add, Multiply, RealDiv, Sub } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../../backend/backend.js';
import { WASM_BACKEND_NAME } from '../../backend/backend-name.js';
import { addLoop, divLoop, mulLoop, subLoop } from './binary-loops.js';
import { planBroadcast } from './broadcast-plan.js';

type Loop = typeof addLoop;

/**
 * A float32 binary kernel with tight loops for equal shapes, scalars and trailing broadcasts
 * (run in JavaScript: the data already lives in JS arrays, and copying it into the module would
 * cost more than the arithmetic). Other dtypes and layouts go to tfjs-backend-cpu.
 */
function binaryKernel(kernelName: string, loop: Loop): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
    const wasm = backend as LayerwiseWasmBackend;
    if (a.dtype !== 'float32' || b.dtype !== 'float32') return wasm.runCpuKernel(kernelName, inputs, attrs);
    const { outShape, plan } = planBroadcast(a.shape, b.shape);
    if (plan.kind === 'other') return wasm.runCpuKernel(kernelName, inputs, attrs);
    return wasm.makeTensorInfo(outShape, 'float32', loop(wasm.values(a), wasm.values(b), plan, wasm.output(plan.size)));
  };
}

export const addConfig: KernelConfig = { kernelName: Add, backendName: WASM_BACKEND_NAME, kernelFunc: binaryKernel(Add, addLoop) };
export const subConfig: KernelConfig = { kernelName: Sub, backendName: WASM_BACKEND_NAME, kernelFunc: binaryKernel(Sub, subLoop) };
export const multiplyConfig: KernelConfig = {
  kernelName: Multiply,
  backendName: WASM_BACKEND_NAME,
  kernelFunc: binaryKernel(Multiply, mulLoop),
};
export const realDivConfig: KernelConfig = {
  kernelName: RealDiv,
  backendName: WASM_BACKEND_NAME,
  kernelFunc: binaryKernel(RealDiv, divLoop),
};
