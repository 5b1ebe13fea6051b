import { backend_util, DepthwiseConv2dNative, FusedDepthwiseConv2D } from '@tensorflow/tfjs-core';
import type { DepthwiseConv2dNativeAttrs, FusedDepthwiseConv2DAttrs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../backend/backend.js';
import { WASM_BACKEND_NAME } from '../backend/backend-name.js';
import { Activation } from '../wasm/abi.js';
import { runDepthwiseConv2D } from './depthwise-core.js';
import { applyUnfused, planEpilogue } from './fused-epilogue.js';

type Shape4 = [number, number, number, number];

/**
 * The geometry of a depthwise convolution the module runs (NHWC float32, strides or dilations 1,
 * as tfjs requires), or undefined for the cases tfjs-backend-cpu keeps (and reports errors for).
 */
function depthwiseInfo(
  x: TensorInfo,
  filter: TensorInfo,
  attrs: Pick<DepthwiseConv2dNativeAttrs, 'strides' | 'pad' | 'dilations' | 'dimRoundingMode'> & { dataFormat?: string },
): backend_util.Conv2DInfo | undefined {
  const dilations = attrs.dilations ?? [1, 1];
  if (x.dtype !== 'float32' || filter.dtype !== 'float32' || attrs.dataFormat === 'NCHW') return undefined;
  if (!backend_util.eitherStridesOrDilationsAreOne(attrs.strides, dilations)) return undefined;
  return backend_util.computeConv2DInfo(x.shape as Shape4, filter.shape as Shape4, attrs.strides, dilations, attrs.pad, attrs.dimRoundingMode, true);
}

/** DepthwiseConv2dNative: SIMD across channels, any channel multiplier, strides, padding, dilation. */
export const depthwiseConv2dNative: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, filter } = inputs as { x: TensorInfo; filter: TensorInfo };
  const wasm = backend as LayerwiseWasmBackend;
  const info = depthwiseInfo(x, filter, attrs as unknown as DepthwiseConv2dNativeAttrs);
  if (!info) return wasm.runCpuKernel(DepthwiseConv2dNative, inputs, attrs);
  return runDepthwiseConv2D(wasm, x, filter, info, undefined, Activation.linear);
};

interface FusedDepthwiseInputs {
  x: TensorInfo;
  filter: TensorInfo;
  bias?: TensorInfo;
  preluActivationWeights?: TensorInfo;
}

/**
 * FusedDepthwiseConv2D (tf.fused.depthwiseConv2d): the depthwise convolution with a per-channel
 * bias and a linear, relu or relu6 activation applied as each output is stored; other activations
 * run as separate kernels.
 */
export const fusedDepthwiseConv2D: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, filter, bias, preluActivationWeights } = inputs as unknown as FusedDepthwiseInputs;
  const fusedAttrs = attrs as unknown as FusedDepthwiseConv2DAttrs;
  const wasm = backend as LayerwiseWasmBackend;
  const info = depthwiseInfo(x, filter, fusedAttrs);
  if (!info) return wasm.runCpuKernel(FusedDepthwiseConv2D, inputs, attrs);
  const epilogue = planEpilogue(wasm, bias, fusedAttrs.activation, info.outChannels);
  if (epilogue) return runDepthwiseConv2D(wasm, x, filter, info, epilogue.bias, epilogue.act);
  const y = runDepthwiseConv2D(wasm, x, filter, info, undefined, Activation.linear);
  return applyUnfused(wasm, y, bias, fusedAttrs.activation, preluActivationWeights, fusedAttrs.leakyreluAlpha);
};

export const depthwiseConv2dNativeConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNative,
  backendName: WASM_BACKEND_NAME,
  kernelFunc: depthwiseConv2dNative,
};

export const fusedDepthwiseConv2DConfig: KernelConfig = {
  kernelName: FusedDepthwiseConv2D,
  backendName: WASM_BACKEND_NAME,
  kernelFunc: fusedDepthwiseConv2D,
};
