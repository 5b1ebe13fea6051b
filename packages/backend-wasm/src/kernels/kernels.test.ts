import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '@layerwise/core';
import { registerWasmBackend } from '../backend/register.js';
import { wasmBackendInfo } from '../backend/info.js';
import { WASM_BACKEND_NAME } from '../backend/backend-name.js';
import { describeConv, describeMatMul, describePool, describeTraining } from '../testing/kernel-suites.js';

// One thread, plain SIMD (Node 20 validates relaxed SIMD only behind a flag, which stays off here).
beforeAll(async () => {
  await useBackend('cpu');
  registerWasmBackend({ relaxedSimd: false });
  await tf.setBackend(WASM_BACKEND_NAME);
});

describe('single-thread plain-SIMD backend', () => {
  it('runs the plain SIMD module on one thread', () => {
    expect(wasmBackendInfo()).toMatchObject({ variant: 'simd', threads: 1 });
  });
});

describeMatMul(WASM_BACKEND_NAME);
describeConv(WASM_BACKEND_NAME);
describePool(WASM_BACKEND_NAME);
describeTraining(WASM_BACKEND_NAME);
