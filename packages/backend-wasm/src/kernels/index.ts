import type { KernelConfig } from '@tensorflow/tfjs-core';
import { avgPoolConfig } from './avg-pool.js';
import { avgPoolGradConfig } from './avg-pool-grad.js';
import { batchMatMulConfig } from './batch-mat-mul.js';
import { conv2dConfig } from './conv2d.js';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter.js';
import { conv2dBackpropInputConfig } from './conv2d-backprop-input.js';
import { fusedConv2dConfig } from './fused-conv2d.js';
import { fusedMatMulConfig } from './fused-mat-mul.js';
import { maxPoolConfig } from './max-pool.js';
import { maxPoolGradConfig } from './max-pool-grad.js';
import { addConfig, multiplyConfig, realDivConfig, subConfig } from './elementwise/binary.js';
import { negConfig, sqrtConfig, squareConfig } from './elementwise/unary-loops.js';
import { sumConfig } from './elementwise/sum.js';
import { reluConfig, stepConfig } from './elementwise/unary.js';

/**
 * Every kernel this backend implements itself: the matrix products, convolutions, pooling, relu,
 * step and bias-gradient sums in WebAssembly, the other elementwise ops a training step is full
 * of as tight float32 JS loops. The rest come from tfjs-backend-cpu.
 */
export const wasmKernelConfigs: readonly KernelConfig[] = [
  batchMatMulConfig,
  fusedMatMulConfig,
  conv2dConfig,
  fusedConv2dConfig,
  conv2dBackpropInputConfig,
  conv2dBackpropFilterConfig,
  maxPoolConfig,
  maxPoolGradConfig,
  avgPoolConfig,
  avgPoolGradConfig,
  addConfig,
  subConfig,
  multiplyConfig,
  realDivConfig,
  squareConfig,
  sqrtConfig,
  negConfig,
  reluConfig,
  stepConfig,
  sumConfig,
];
