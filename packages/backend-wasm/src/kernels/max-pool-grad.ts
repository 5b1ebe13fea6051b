import { backend_util, MaxPoolGrad } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, MaxPoolGradAttrs, TensorInfo } from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../backend/backend.js';
import { WASM_BACKEND_NAME } from '../backend/backend-name.js';
import { runPool } from './pool-core.js';

/** MaxPoolGrad: routes each output gradient to its window's (first) maximum in the input. */
export const maxPoolGrad: KernelFunc = ({ inputs, backend, attrs }) => {
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolGradAttrs;
  const wasm = backend as LayerwiseWasmBackend;
  if (dy.dtype !== 'float32' || input.dtype !== 'float32') return wasm.runCpuKernel(MaxPoolGrad, inputs, attrs);
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode,
  );
  return runPool(wasm, 'maxPoolGrad', info, [input, dy], input.shape);
};

export const maxPoolGradConfig: KernelConfig = {
  kernelName: MaxPoolGrad,
  backendName: WASM_BACKEND_NAME,
  kernelFunc: maxPoolGrad,
};
