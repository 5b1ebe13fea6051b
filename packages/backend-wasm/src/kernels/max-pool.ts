import { backend_util, MaxPool, util } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, MaxPoolAttrs, TensorInfo } from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../backend/backend.js';
import { WASM_BACKEND_NAME } from '../backend/backend-name.js';
import { runPool } from './pool-core.js';

/** MaxPool on float32 NHWC data (SIMD across channels); other dtypes and 1x1 identity go to cpu. */
export const maxPool: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x } = inputs as { x: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolAttrs;
  const wasm = backend as LayerwiseWasmBackend;
  const info = backend_util.computePool2DInfo(
    x.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode,
  );
  const identity = info.filterHeight === 1 && info.filterWidth === 1 && util.arraysEqual(info.inShape, info.outShape);
  if (x.dtype !== 'float32' || identity) return wasm.runCpuKernel(MaxPool, inputs, attrs);
  return runPool(wasm, 'maxPool', info, [x], info.outShape);
};

export const maxPoolConfig: KernelConfig = {
  kernelName: MaxPool,
  backendName: WASM_BACKEND_NAME,
  kernelFunc: maxPool,
};
