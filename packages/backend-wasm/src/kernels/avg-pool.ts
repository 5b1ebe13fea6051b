import { AvgPool, backend_util, util } from '@tensorflow/tfjs-core';
import type { AvgPoolAttrs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../backend/backend.js';
import { WASM_BACKEND_NAME } from '../backend/backend-name.js';
import { runPool } from './pool-core.js';

/** AvgPool on float32 NHWC data (mean over in-bounds pixels, as tfjs-backend-cpu). */
export const avgPool: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x } = inputs as { x: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as AvgPoolAttrs;
  const wasm = backend as LayerwiseWasmBackend;
  const info = backend_util.computePool2DInfo(
    x.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode,
  );
  const identity = info.filterHeight === 1 && info.filterWidth === 1 && util.arraysEqual(info.inShape, info.outShape);
  if (x.dtype !== 'float32' || identity) return wasm.runCpuKernel(AvgPool, inputs, attrs);
  return runPool(wasm, 'avgPool', info, [x], info.outShape);
};

export const avgPoolConfig: KernelConfig = {
  kernelName: AvgPool,
  backendName: WASM_BACKEND_NAME,
  kernelFunc: avgPool,
};
