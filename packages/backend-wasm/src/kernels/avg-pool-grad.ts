import { AvgPoolGrad, backend_util } from '@tensorflow/tfjs-core';
import type { AvgPoolGradAttrs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../backend/backend.js';
import { WASM_BACKEND_NAME } from '../backend/backend-name.js';
import { runPool } from './pool-core.js';

/** AvgPoolGrad: spreads each output gradient over its window, scaled by 1 / window size (as cpu). */
export const avgPoolGrad: KernelFunc = ({ inputs, backend, attrs }) => {
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad } = attrs as unknown as AvgPoolGradAttrs;
  const wasm = backend as LayerwiseWasmBackend;
  if (dy.dtype !== 'float32') return wasm.runCpuKernel(AvgPoolGrad, inputs, attrs);
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number], filterSize, strides, 1, pad,
  );
  return runPool(wasm, 'avgPoolGrad', info, [dy], input.shape, 1 / (info.filterHeight * info.filterWidth));
};

export const avgPoolGradConfig: KernelConfig = {
  kernelName: AvgPoolGrad,
  backendName: WASM_BACKEND_NAME,
  kernelFunc: avgPoolGrad,
};
