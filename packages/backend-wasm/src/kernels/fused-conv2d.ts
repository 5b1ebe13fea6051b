import { backend_util, FusedConv2D } from '@tensorflow/tfjs-core';
import type { FusedConv2DAttrs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../backend/backend.js';
import { WASM_BACKEND_NAME } from '../backend/backend-name.js';
import { Activation } from '../wasm/abi.js';
import { runConv2D } from './conv-core.js';
import { isNhwcFloat } from './conv-geometry.js';
import { applyUnfused, planEpilogue } from './fused-epilogue.js';

interface FusedConv2DInputs {
  x: TensorInfo;
  filter: TensorInfo;
  bias?: TensorInfo;
  preluActivationWeights?: TensorInfo;
}

/**
 * FusedConv2D (tf.fused.conv2d): the convolution with a per-channel bias and a linear, relu or
 * relu6 activation fused into the GEMM's epilogue; other activations run as separate kernels.
 */
export const fusedConv2d: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, filter, bias, preluActivationWeights } = inputs as unknown as FusedConv2DInputs;
  const { strides, pad, dataFormat, dilations, dimRoundingMode, activation, leakyreluAlpha } =
    attrs as unknown as FusedConv2DAttrs;
  const wasm = backend as LayerwiseWasmBackend;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    strides, dilations, pad, dimRoundingMode, false,
    backend_util.convertConv2DDataFormat(dataFormat),
  );
  if (!isNhwcFloat(info, x.dtype, filter.dtype)) return wasm.runCpuKernel(FusedConv2D, inputs, attrs);
  const epilogue = planEpilogue(wasm, bias, activation, info.outChannels);
  if (epilogue) return runConv2D(wasm, x, filter, info, epilogue.bias, epilogue.act);
  const y = runConv2D(wasm, x, filter, info, undefined, Activation.linear);
  return applyUnfused(wasm, y, bias, activation, preluActivationWeights, leakyreluAlpha);
};

export const fusedConv2dConfig: KernelConfig = {
  kernelName: FusedConv2D,
  backendName: WASM_BACKEND_NAME,
  kernelFunc: fusedConv2d,
};
