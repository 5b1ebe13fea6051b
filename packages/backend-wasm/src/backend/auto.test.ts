import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { describe, expect, it } from 'vitest';
import { wasmBackendInfo } from './info.js';
import { wasmBackendProvider } from './provider.js';

describe("useBackend('auto') with this package installed", () => {
  it('chooses layerwise-wasm on every core and trains', async () => {
    const report = await useBackend('auto');
    expect(report.name).toBe('layerwise-wasm');
    expect(tf.getBackend()).toBe('layerwise-wasm');
    expect(report.skipped.map((s) => s.why)).toEqual(['@layerwise/backend-node is not installed', '@layerwise/backend-webgpu is not installed']);
    const info = wasmBackendInfo();
    expect(info?.threads).toBeGreaterThanOrEqual(1);
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.relu(tf.matMul(x, x))));
    const x = tf.tensor2d([[1, -2], [3, 4]]);
    const dx = g(x);
    expect(Array.from(await dx.data())).toEqual([3, 3, 3, 11]);
    tf.dispose([x, dx]);
  });
});

describe('wasmBackendProvider', () => {
  it('is a useBackend candidate on its own, as bundled browser apps pass it', async () => {
    await tf.setBackend('cpu');
    const report = await useBackend('auto', { providers: [wasmBackendProvider] });
    expect(report).toMatchObject({ name: 'layerwise-wasm', choice: 'auto', skipped: [] });
    expect(tf.getBackend()).toBe('layerwise-wasm');
  });
});
