import type { KernelConfig } from '@tensorflow/tfjs-core';
import { avgPoolConfig } from './avg-pool.js';
import { avgPoolGradConfig } from './avg-pool-grad.js';
import { batchMatMulConfig } from './batch-mat-mul.js';
import { conv2dConfig } from './conv2d.js';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter.js';
import { conv2dBackpropInputConfig } from './conv2d-backprop-input.js';
import { depthwiseConv2dNativeConfig, fusedDepthwiseConv2DConfig } from './depthwise-conv2d.js';
import { depthwiseConv2dNativeBackpropFilterConfig, depthwiseConv2dNativeBackpropInputConfig } from './depthwise-backprop.js';
import { fusedConv2dConfig } from './fused-conv2d.js';
import { fusedMatMulConfig } from './fused-mat-mul.js';
import { maxPoolConfig } from './max-pool.js';
import { maxPoolGradConfig } from './max-pool-grad.js';
import {
  addConfig, maximumConfig, minimumConfig, multiplyConfig, realDivConfig, squaredDifferenceConfig, subConfig,
} from './elementwise/binary.js';
import { softmaxConfig } from './elementwise/softmax.js';
import { sumConfig } from './elementwise/sum.js';
import {
  absConfig, clipByValueConfig, expConfig, logConfig, negConfig, reluConfig, sqrtConfig, squareConfig, stepConfig,
} from './elementwise/unary.js';
import { transformConfig } from './transform.js';

/**
 * Every kernel this backend implements itself: in WebAssembly the matrix products, convolutions
 * (dense and depthwise, with their gradients), pooling, the elementwise operations a training step
 * is full of, bias-gradient sums and image transforms (augmentation); in JavaScript, on the same
 * arrays, trailing-axis sums and softmax (small, and exp has no WebAssembly instruction). The rest
 * come from tfjs-backend-cpu.
 */
export const wasmKernelConfigs: readonly KernelConfig[] = [
  batchMatMulConfig,
  fusedMatMulConfig,
  conv2dConfig,
  fusedConv2dConfig,
  conv2dBackpropInputConfig,
  conv2dBackpropFilterConfig,
  depthwiseConv2dNativeConfig,
  fusedDepthwiseConv2DConfig,
  depthwiseConv2dNativeBackpropInputConfig,
  depthwiseConv2dNativeBackpropFilterConfig,
  maxPoolConfig,
  maxPoolGradConfig,
  avgPoolConfig,
  avgPoolGradConfig,
  transformConfig,
  addConfig,
  subConfig,
  multiplyConfig,
  realDivConfig,
  maximumConfig,
  minimumConfig,
  squaredDifferenceConfig,
  squareConfig,
  sqrtConfig,
  expConfig,
  logConfig,
  negConfig,
  absConfig,
  clipByValueConfig,
  reluConfig,
  stepConfig,
  sumConfig,
  softmaxConfig,
];
