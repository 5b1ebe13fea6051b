import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useBackend } from '@layerwise/core';
import { registerWasmBackend } from '../backend/register.js';
import { wasmBackendInfo } from '../backend/info.js';
import { WASM_BACKEND_NAME } from '../backend/backend-name.js';
import { wasmBinaries } from './binaries.generated.js';
import { decodeBase64 } from './base64.js';
import { chooseVariant, detectFeatures } from './features.js';
import type { WasmFeatures } from './features.js';

const all: WasmFeatures = { webAssembly: true, simd: true, relaxedSimd: true, sharedMemory: true };

describe('chooseVariant', () => {
  it('takes the best build the engine and the options allow', () => {
    expect(chooseVariant(all, { simd: true, relaxedSimd: true, shared: false })).toBe('relaxedSimd');
    expect(chooseVariant(all, { simd: true, relaxedSimd: false, shared: true })).toBe('simdShared');
    expect(chooseVariant({ ...all, relaxedSimd: false }, { simd: true, relaxedSimd: true, shared: false })).toBe('simd');
    expect(chooseVariant({ ...all, simd: false, relaxedSimd: false }, { simd: true, relaxedSimd: true, shared: false })).toBe('scalar');
    expect(chooseVariant(all, { simd: false, relaxedSimd: true, shared: true })).toBe('scalarShared');
  });
});

describe('an engine without WebAssembly SIMD', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    if (tf.findBackendFactory(WASM_BACKEND_NAME)) tf.removeBackend(WASM_BACKEND_NAME);
  });

  it('is detected by validating the SIMD builds, and gets the scalar build, which trains', async () => {
    // Such an engine fails to validate any module with SIMD instructions.
    const simdModules = (['simd', 'relaxedSimd', 'simdShared', 'relaxedSimdShared'] as const).map((k) => decodeBase64(wasmBinaries[k]));
    const validate = WebAssembly.validate.bind(WebAssembly);
    vi.spyOn(WebAssembly, 'validate').mockImplementation((bytes) => {
      const view = new Uint8Array(bytes as ArrayBuffer);
      return !simdModules.some((m) => m.length === view.length && m.every((b, i) => b === view[i])) && validate(bytes);
    });
    expect(detectFeatures()).toMatchObject({ webAssembly: true, simd: false, relaxedSimd: false });
    await useBackend('cpu');
    registerWasmBackend({ threads: 2 });
    await tf.setBackend(WASM_BACKEND_NAME);
    expect(wasmBackendInfo()).toMatchObject({ variant: 'scalarShared', threads: 2, features: { simd: false } });
    const w = tf.variable(tf.tensor2d([[0.5, -1], [2, 0.25]]));
    const x = tf.tensor2d([[1, 2], [3, 4]]);
    const loss = () => tf.sum(tf.relu(tf.matMul(x, w))) as tf.Scalar;
    const before = loss().dataSync()[0]!;
    tf.train.sgd(0.01).minimize(loss);
    expect(loss().dataSync()[0]!).toBeLessThan(before);
    tf.dispose([w, x]);
  });

  it('without WebAssembly at all, fails with a LayerwiseError pointing at cpu', async () => {
    vi.spyOn(WebAssembly, 'validate').mockReturnValue(false);
    await useBackend('cpu');
    registerWasmBackend();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await tf.setBackend(WASM_BACKEND_NAME)).toBe(false);
    expect(String(warn.mock.calls.flat().join(' '))).toMatch(/cannot run WebAssembly.*Use the cpu backend/);
  });
});
