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

// One thread, plain SIMD (Node 20 validates relaxed SIMD only behind a flag, which stays off
// here), tensors in JavaScript arrays: every kernel copies its inputs in and its output out.
beforeAll(async () => {
  await useBackend('cpu');
  registerWasmBackend({ relaxedSimd: false, residentTensors: false });
  await tf.setBackend(WASM_BACKEND_NAME);
});

describe('single-thread plain-SIMD backend', () => {
  it('runs the plain SIMD module on one thread, copying tensors in and out', () => {
    expect(wasmBackendInfo()).toMatchObject({ variant: 'simd', threads: 1, residentTensors: false });
  });
});

describeMatMul(WASM_BACKEND_NAME);
describeConv(WASM_BACKEND_NAME);
describeDepthwise(WASM_BACKEND_NAME);
describePool(WASM_BACKEND_NAME);
describeElementwise(WASM_BACKEND_NAME);
describeTransform(WASM_BACKEND_NAME);
describeTraining(WASM_BACKEND_NAME);
