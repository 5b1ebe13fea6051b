import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '@layerwise/core';
import { registerWasmBackend } from './register.js';
import { WASM_BACKEND_NAME } from './backend-name.js';
import { LayerwiseWasmBackend } from './backend.js';

// Output arrays are recycled once no tensor uses them, whether they are ordinary arrays
// (residentTensors: false) or views of the WebAssembly memory (the default where
// SharedArrayBuffer exists); these are the ways that could go wrong.
const backend = () => tf.backend() as LayerwiseWasmBackend;
const signs = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.7 + seed));
/** Bytes recycled so far: ordinary arrays kept for reuse, or free bytes of WebAssembly memory. */
const recycled = () => (backend().residentTensors ? backend().runtime.heap.capacity - backend().runtime.heap.usedBytes : backend().pooledBytes);

beforeAll(async () => {
  await useBackend('cpu');
});

afterAll(() => {
  tf.removeBackend(WASM_BACKEND_NAME);
});

for (const residentTensors of [false, true]) {
  describe(`output buffer reuse, residentTensors: ${residentTensors}`, () => {
    beforeAll(async () => {
      if (tf.findBackendFactory(WASM_BACKEND_NAME)) tf.removeBackend(WASM_BACKEND_NAME);
      registerWasmBackend({ relaxedSimd: false, residentTensors });
      await tf.setBackend(WASM_BACKEND_NAME);
      expect(backend().residentTensors).toBe(residentTensors);
    });

    it('recycles the outputs of disposed tensors', () => {
      const x = tf.tensor1d(signs(1000, 1));
      tf.relu(x).dispose();
      const before = recycled();
      const y = tf.relu(x);
      expect(recycled()).toBe(before - (residentTensors ? 4032 : 4000));
      y.dispose();
      expect(recycled()).toBe(before);
      tf.relu(x).dispose();
      expect(recycled()).toBe(before);
      x.dispose();
    });

    it('keeps values read with dataSync() and data() after the tensor is disposed', async () => {
      const x = tf.tensor1d(signs(64, 2));
      const y = tf.relu(x);
      const sync = y.dataSync();
      const async = await y.data();
      expect(sync).not.toBe(y.dataSync());
      const expected = Array.from(sync);
      y.dispose();
      tf.neg(x).dispose();
      const z = tf.relu(tf.neg(x));
      expect(Array.from(sync)).toEqual(expected);
      expect(Array.from(async as Float32Array)).toEqual(expected);
      tf.dispose([x, z]);
    });

    it('never recycles an array the user passed to tf.tensor', () => {
      const values = signs(256, 3);
      const copy = Array.from(values);
      tf.tensor1d(values).dispose();
      const x = tf.tensor1d(signs(256, 4));
      const outputs = [tf.relu(x), tf.neg(x), tf.mul(x, x)];
      expect(Array.from(values)).toEqual(copy);
      tf.dispose([x, ...outputs]);
    });

    it('keeps arrays shared by several data ids until the last one is disposed', () => {
      const x = tf.tensor1d(signs(128, 5));
      const y = tf.relu(x);
      const values = backend().data.get(y.dataId).values as Float32Array;
      const expected = Array.from(values);
      // As a kernel that wraps an input's array in a new tensor would.
      const wrap = () => tf.engine().makeTensorFromTensorInfo(backend().makeTensorInfo([128], 'float32', values));
      const first = wrap();
      const second = wrap();
      const reshaped = tf.reshape(y, [8, 16]);
      first.dispose();
      const a = [tf.relu(tf.neg(x)), tf.square(x), tf.neg(x)];
      expect(Array.from(y.dataSync())).toEqual(expected);
      y.dispose();
      reshaped.dispose();
      const b = [tf.relu(tf.neg(x)), tf.square(x), tf.neg(x)];
      expect(Array.from(second.dataSync())).toEqual(expected);
      tf.dispose([x, second, ...a, ...b]);
    });

    it('keeps a slice (a view into an output) intact after the output is disposed', () => {
      const x = tf.tensor2d(signs(64, 9), [8, 8]);
      const y = tf.relu(x);
      const rows = tf.slice(y, [2, 0], [3, 8]); // contiguous: cpu's Slice returns a subarray of y's array
      expect(backend().data.get(rows.dataId).values).not.toBe(backend().data.get(y.dataId).values);
      const expected = Array.from(rows.dataSync());
      y.dispose();
      const others = [tf.neg(x), tf.square(x), tf.relu(tf.neg(x)), tf.abs(x)];
      expect(Array.from(rows.dataSync())).toEqual(expected);
      // The slice feeds the module's kernels like any tensor.
      const doubled = tf.add(rows, rows);
      expect(Array.from(doubled.dataSync())).toEqual(expected.map((v) => 2 * v));
      rows.dispose();
      tf.dispose([x, doubled, ...others]);
    });

    it('keeps tensors moved to another backend intact', async () => {
      const x = tf.tensor1d(signs(512, 6));
      const y = tf.relu(x);
      const expected = Array.from(y.dataSync());
      const before = recycled();
      await tf.setBackend('cpu');
      tf.add(y, 0).dispose(); // moves y's data to cpu, releasing its array here
      await tf.setBackend(WASM_BACKEND_NAME);
      expect(recycled()).toBeGreaterThanOrEqual(before + 2048);
      const others = [tf.relu(tf.neg(x)), tf.neg(x), tf.square(x)];
      await tf.setBackend('cpu');
      expect(Array.from(y.dataSync())).toEqual(expected);
      await tf.setBackend(WASM_BACKEND_NAME);
      tf.dispose([x, y, ...others]);
    });
  });
}

describe('output buffer reuse turned off', () => {
  it('returns the stored array itself, as cpu does', async () => {
    if (tf.findBackendFactory(WASM_BACKEND_NAME)) tf.removeBackend(WASM_BACKEND_NAME);
    registerWasmBackend({ relaxedSimd: false, bufferPoolMB: 0, residentTensors: false });
    await tf.setBackend(WASM_BACKEND_NAME);
    const x = tf.tensor1d(signs(100, 7));
    const y = tf.relu(x);
    expect(y.dataSync()).toBe(y.dataSync());
    y.dispose();
    expect(backend().pooledBytes).toBe(0);
    x.dispose();
  });
});
