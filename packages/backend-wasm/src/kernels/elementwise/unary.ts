import { Relu, Step } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, StepAttrs, TensorInfo } from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../../backend/backend.js';
import { WASM_BACKEND_NAME } from '../../backend/backend-name.js';

/** Relu on float32 in one JS loop (`x < 0 ? 0 : x`, NaN kept, as cpu); other dtypes go to cpu. */
export const relu: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x } = inputs as { x: TensorInfo };
  const wasm = backend as LayerwiseWasmBackend;
  if (x.dtype !== 'float32') return wasm.runCpuKernel(Relu, inputs, attrs);
  const v = wasm.values(x);
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const xi = v[i]!;
    out[i] = xi < 0 ? 0 : xi;
  }
  return wasm.makeTensorInfo(x.shape, 'float32', out);
};

/** Step (used by relu's gradient): `x > 0 ? 1 : alpha`, NaN kept, as cpu; float32 only. */
export const step: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x } = inputs as { x: TensorInfo };
  const { alpha } = attrs as unknown as StepAttrs;
  const wasm = backend as LayerwiseWasmBackend;
  if (x.dtype !== 'float32') return wasm.runCpuKernel(Step, inputs, attrs);
  const v = wasm.values(x);
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const xi = v[i]!;
    out[i] = xi > 0 ? 1 : xi !== xi ? NaN : alpha;
  }
  return wasm.makeTensorInfo(x.shape, 'float32', out);
};

export const reluConfig: KernelConfig = { kernelName: Relu, backendName: WASM_BACKEND_NAME, kernelFunc: relu };
export const stepConfig: KernelConfig = { kernelName: Step, backendName: WASM_BACKEND_NAME, kernelFunc: step };
