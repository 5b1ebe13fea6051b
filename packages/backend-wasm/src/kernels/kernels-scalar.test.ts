import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '@layerwise/core';
import { registerWasmBackend } from '../backend/register.js';
import { wasmBackendInfo } from '../backend/info.js';
import { WASM_BACKEND_NAME } from '../backend/backend-name.js';
import { describeConv, describeMatMul, describePool, describeTraining } from '../testing/kernel-suites.js';
import { describeDepthwise } from '../testing/depthwise-suites.js';
import { describeElementwise } from '../testing/elementwise-suites.js';
import { describeTransform } from '../testing/transform-suites.js';

// The scalar build (WebAssembly 1.0, for engines without SIMD), forced with `simd: false` since
// Node always has SIMD; tensors resident in WebAssembly memory. Every suite, as for the SIMD builds.
beforeAll(async () => {
  await useBackend('cpu');
  registerWasmBackend({ simd: false });
  await tf.setBackend(WASM_BACKEND_NAME);
});

describe('scalar backend', () => {
  it('runs the scalar module, and reports it', () => {
    expect(wasmBackendInfo()).toMatchObject({ variant: 'scalarShared', threads: 1, residentTensors: true, features: { simd: true } });
  });
});

describeMatMul(WASM_BACKEND_NAME);
describeConv(WASM_BACKEND_NAME);
describeDepthwise(WASM_BACKEND_NAME);
describePool(WASM_BACKEND_NAME);
describeElementwise(WASM_BACKEND_NAME);
describeTransform(WASM_BACKEND_NAME);
describeTraining(WASM_BACKEND_NAME);
