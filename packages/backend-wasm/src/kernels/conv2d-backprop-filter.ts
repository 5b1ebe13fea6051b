import { backend_util, Conv2DBackpropFilter } from '@tensorflow/tfjs-core';
import type { Conv2DBackpropFilterAttrs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../backend/backend.js';
import { WASM_BACKEND_NAME } from '../backend/backend-name.js';
import { runConv2DBackpropFilter } from './conv-core.js';
import { isNhwcFloat } from './conv-geometry.js';

/** Conv2DBackpropFilter: im2col of the input, then a transposed-A GEMM with the output gradient. */
export const conv2dBackpropFilter: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as Conv2DBackpropFilterAttrs;
  const wasm = backend as LayerwiseWasmBackend;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides, 1, pad, dimRoundingMode, false,
    backend_util.convertConv2DDataFormat(dataFormat),
  );
  if (!isNhwcFloat(info, x.dtype, dy.dtype)) return wasm.runCpuKernel(Conv2DBackpropFilter, inputs, attrs);
  return runConv2DBackpropFilter(wasm, x, dy, info);
};

export const conv2dBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: WASM_BACKEND_NAME,
  kernelFunc: conv2dBackpropFilter,
};
