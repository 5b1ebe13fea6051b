import { backend_util, DepthwiseConv2dNativeBackpropFilter, DepthwiseConv2dNativeBackpropInput } from '@tensorflow/tfjs-core';
import type {
  DepthwiseConv2dNativeBackpropFilterAttrs,
  DepthwiseConv2dNativeBackpropInputAttrs,
  KernelConfig,
  KernelFunc,
  TensorInfo,
} from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../backend/backend.js';
import { WASM_BACKEND_NAME } from '../backend/backend-name.js';
import { runDepthwiseConv2DBackpropFilter, runDepthwiseConv2DBackpropInput } from './depthwise-core.js';

type Shape4 = [number, number, number, number];

/**
 * Whether the module takes a depthwise gradient: float32 with dilation 1. (tfjs' gradient of a
 * depthwise convolution requires dilation 1; tfjs-backend-cpu's kernels ignore dilation, so
 * leaving those calls to it keeps the results identical.)
 */
function supported(dilations: number | [number, number] | undefined, ...dtypes: string[]): boolean {
  const [dh, dw] = typeof dilations === 'number' ? [dilations, dilations] : (dilations ?? [1, 1]);
  return dh === 1 && dw === 1 && dtypes.every((d) => d === 'float32');
}

/** DepthwiseConv2dNativeBackpropInput: each output gradient times the taps' weights, scattered back. */
export const depthwiseConv2dNativeBackpropInput: KernelFunc = ({ inputs, backend, attrs }) => {
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, dilations, pad, dimRoundingMode, inputShape } = attrs as unknown as DepthwiseConv2dNativeBackpropInputAttrs;
  const wasm = backend as LayerwiseWasmBackend;
  if (!supported(dilations, dy.dtype, filter.dtype)) return wasm.runCpuKernel(DepthwiseConv2dNativeBackpropInput, inputs, attrs);
  const info = backend_util.computeConv2DInfo(inputShape, filter.shape as Shape4, strides, dilations, pad, dimRoundingMode, true);
  return runDepthwiseConv2DBackpropInput(wasm, dy, filter, info);
};

/** DepthwiseConv2dNativeBackpropFilter: per tap and channel, the sum of input times output gradient. */
export const depthwiseConv2dNativeBackpropFilter: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, dilations, pad, dimRoundingMode, filterShape } = attrs as unknown as DepthwiseConv2dNativeBackpropFilterAttrs;
  const wasm = backend as LayerwiseWasmBackend;
  if (!supported(dilations, x.dtype, dy.dtype)) return wasm.runCpuKernel(DepthwiseConv2dNativeBackpropFilter, inputs, attrs);
  const info = backend_util.computeConv2DInfo(x.shape as Shape4, filterShape, strides, dilations, pad, dimRoundingMode, true);
  return runDepthwiseConv2DBackpropFilter(wasm, x, dy, info);
};

export const depthwiseConv2dNativeBackpropInputConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNativeBackpropInput,
  backendName: WASM_BACKEND_NAME,
  kernelFunc: depthwiseConv2dNativeBackpropInput,
};

export const depthwiseConv2dNativeBackpropFilterConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNativeBackpropFilter,
  backendName: WASM_BACKEND_NAME,
  kernelFunc: depthwiseConv2dNativeBackpropFilter,
};
