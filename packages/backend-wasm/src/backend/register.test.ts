import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LayerwiseError, useBackend } from '@layerwise/core';
import { registerWasmBackend } from './register.js';
import { wasmBackendInfo } from './info.js';
import { WASM_BACKEND_NAME } from './backend-name.js';
import { LayerwiseWasmBackend } from './backend.js';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('registerWasmBackend', () => {
  it('rejects invalid options with a LayerwiseError naming them', () => {
    expect(() => registerWasmBackend({ threads: 0 })).toThrow(LayerwiseError);
    expect(() => registerWasmBackend({ threads: 1.5 })).toThrow(/`threads`.*Received: threads=1.5/);
    expect(() => registerWasmBackend({ spinMicros: -1 })).toThrow(/`spinMicros`/);
    expect(tf.findBackendFactory(WASM_BACKEND_NAME)).toBeNull();
  });

  it('registers the backend once, with every cpu kernel', () => {
    expect(registerWasmBackend({ relaxedSimd: false })).toBe(true);
    expect(registerWasmBackend()).toBe(false);
    const cpu = tf.getKernelsForBackend('cpu').map((k) => k.kernelName).sort();
    const ours = tf.getKernelsForBackend(WASM_BACKEND_NAME).map((k) => k.kernelName).sort();
    expect(ours).toEqual(cpu);
  });

  it('is not initialised (and reports nothing) before setBackend', () => {
    expect(wasmBackendInfo()).toBeUndefined();
  });

  it('works through @layerwise/core useBackend, ops it does not implement included', async () => {
    const report = await useBackend(WASM_BACKEND_NAME);
    expect(report.name).toBe(WASM_BACKEND_NAME);
    expect(tf.backend()).toBeInstanceOf(LayerwiseWasmBackend);
    expect(wasmBackendInfo()).toMatchObject({ variant: 'simdShared', threads: 1, residentTensors: true, features: { simd: true } });
    const { values, indices } = tf.topk(tf.tensor1d([3, 1, 4, 1, 5]), 2);
    expect(Array.from(await values.data())).toEqual([5, 4]);
    expect(Array.from(await indices.data())).toEqual([4, 2]);
    expect(Array.from(await tf.cumsum(tf.tensor1d([1, 2, 3])).data())).toEqual([1, 3, 6]);
  });

  it('says why it runs on one thread when asked for more without shared memory', async () => {
    const original = globalThis.SharedArrayBuffer;
    tf.removeBackend(WASM_BACKEND_NAME);
    registerWasmBackend({ threads: 4, relaxedSimd: false });
    try {
      Reflect.deleteProperty(globalThis, 'SharedArrayBuffer');
      expect(await tf.setBackend(WASM_BACKEND_NAME)).toBe(true);
    } finally {
      globalThis.SharedArrayBuffer = original;
    }
    expect(wasmBackendInfo()).toMatchObject({ variant: 'simd', threads: 1 });
    expect(wasmBackendInfo()?.threadsNote).toMatch(/SharedArrayBuffer is unavailable/);
    const y = tf.matMul(tf.ones([64, 64]), tf.ones([64, 64]));
    expect((await y.data())[0]).toBe(64);
  });
});
