import { backend_util, Conv2D } from '@tensorflow/tfjs-core';
import type { Conv2DAttrs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../backend/backend.js';
import { WASM_BACKEND_NAME } from '../backend/backend-name.js';
import { Activation } from '../wasm/abi.js';
import { runConv2D } from './conv-core.js';
import { isNhwcFloat } from './conv-geometry.js';

/** Conv2D: im2col + packed GEMM for NHWC float32 (any strides, padding, dilation); else cpu. */
export const conv2d: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, filter } = inputs as { x: TensorInfo; filter: TensorInfo };
  const { strides, pad, dataFormat, dilations, dimRoundingMode } = attrs as unknown as Conv2DAttrs;
  const wasm = backend as LayerwiseWasmBackend;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    strides, dilations, pad, dimRoundingMode, false,
    backend_util.convertConv2DDataFormat(dataFormat),
  );
  if (!isNhwcFloat(info, x.dtype, filter.dtype)) return wasm.runCpuKernel(Conv2D, inputs, attrs);
  return runConv2D(wasm, x, filter, info, undefined, Activation.linear);
};

export const conv2dConfig: KernelConfig = {
  kernelName: Conv2D,
  backendName: WASM_BACKEND_NAME,
  kernelFunc: conv2d,
};
