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

// Two threads on shared memory, relaxed SIMD (V8's flag turned on, as Node 20 needs), tensors
// resident in WebAssembly memory (the default). The larger cases of each suite exceed the size
// below which work stays on one thread.
beforeAll(async () => {
  await useBackend('cpu');
  registerWasmBackend({ threads: 2, enableV8RelaxedSimdFlag: true });
  await tf.setBackend(WASM_BACKEND_NAME);
});

describe('two-thread relaxed-SIMD backend', () => {
  it('runs the shared relaxed-SIMD module on two threads, tensors resident', () => {
    expect(wasmBackendInfo()).toMatchObject({ variant: 'relaxedSimdShared', threads: 2, residentTensors: true });
  });
});

describeMatMul(WASM_BACKEND_NAME);
describeConv(WASM_BACKEND_NAME);
describeDepthwise(WASM_BACKEND_NAME);
describePool(WASM_BACKEND_NAME);
describeElementwise(WASM_BACKEND_NAME);
describeTransform(WASM_BACKEND_NAME);
describeTraining(WASM_BACKEND_NAME);
