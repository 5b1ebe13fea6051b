import { backend_util, Conv2DBackpropInput } from '@tensorflow/tfjs-core';
import type { Conv2DBackpropInputAttrs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../backend/backend.js';
import { WASM_BACKEND_NAME } from '../backend/backend-name.js';
import { runConv2DBackpropInput } from './conv-core.js';
import { isNhwcFloat } from './conv-geometry.js';

/** Conv2DBackpropInput (also conv2dTranspose): GEMM with the transposed filter, then col2im. */
export const conv2dBackpropInput: KernelFunc = ({ inputs, backend, attrs }) => {
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const { inputShape, strides, pad, dataFormat, dimRoundingMode } = attrs as unknown as Conv2DBackpropInputAttrs;
  const wasm = backend as LayerwiseWasmBackend;
  const info = backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    strides, 1, pad, dimRoundingMode, false,
    backend_util.convertConv2DDataFormat(dataFormat),
  );
  if (!isNhwcFloat(info, dy.dtype, filter.dtype)) return wasm.runCpuKernel(Conv2DBackpropInput, inputs, attrs);
  return runConv2DBackpropInput(wasm, dy, filter, info);
};

export const conv2dBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: WASM_BACKEND_NAME,
  kernelFunc: conv2dBackpropInput,
};
