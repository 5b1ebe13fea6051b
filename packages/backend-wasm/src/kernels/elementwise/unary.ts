import { Relu, Step } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, StepAttrs, TensorInfo } from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../../backend/backend.js';
import { WASM_BACKEND_NAME } from '../../backend/backend-name.js';

/**
 * Runs a branch-free elementwise export in place on a copy of `x` in the module's memory.
 * (In JavaScript these selections compile to branches that mispredict on random signs.)
 */
function runUnary(backend: LayerwiseWasmBackend, x: TensorInfo, fn: 'relu' | 'step', extra: number[]): TensorInfo {
  const { arena, exports } = backend.runtime;
  const size = backend.values(x).length;
  arena.reset();
  const p = arena.write(backend.values(x));
  if (fn === 'relu') exports.relu(p, p, size);
  else exports.step(p, p, size, extra[0]!);
  return backend.makeTensorInfo(x.shape, 'float32', backend.readOutput(p, size));
}

/** Relu on float32 in the module (`x < 0 ? 0 : x`, NaN and -0 kept, as cpu); other dtypes go to cpu. */
export const relu: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x } = inputs as { x: TensorInfo };
  const wasm = backend as LayerwiseWasmBackend;
  if (x.dtype !== 'float32') return wasm.runCpuKernel(Relu, inputs, attrs);
  return runUnary(wasm, x, 'relu', []);
};

/** Step (used by relu's gradient): `x > 0 ? 1 : alpha`, NaN kept, as cpu; float32 only. */
export const step: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x } = inputs as { x: TensorInfo };
  const { alpha } = attrs as unknown as StepAttrs;
  const wasm = backend as LayerwiseWasmBackend;
  if (x.dtype !== 'float32') return wasm.runCpuKernel(Step, inputs, attrs);
  return runUnary(wasm, x, 'step', [alpha]);
};

export const reluConfig: KernelConfig = { kernelName: Relu, backendName: WASM_BACKEND_NAME, kernelFunc: relu };
export const stepConfig: KernelConfig = { kernelName: Step, backendName: WASM_BACKEND_NAME, kernelFunc: step };
