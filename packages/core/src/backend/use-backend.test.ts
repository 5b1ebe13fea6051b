import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { backendReport, useBackend } from './use-backend.js';

describe('useBackend', () => {
  it("'auto' picks the first available WebAssembly backend and says why", async () => {
    // @layerwise/backend-node and @layerwise/backend-webgpu are not installed in core, so they fail;
    // @layerwise/backend-wasm comes next: whether it loads here depends on its build having run
    // (its own tests check that 'auto' picks it), tfjs-backend-wasm comes next.
    const report = await useBackend('auto');
    expect(['layerwise-wasm', 'wasm']).toContain(report.name);
    expect(report.reason).toContain('auto: first available of tensorflow, webgpu, layerwise-wasm, wasm, cpu after tensorflow (@layerwise/backend-node): ');
    expect(report.reason).toContain('webgpu (@layerwise/backend-webgpu): ');
    expect(tf.getBackend()).toBe(report.name);
    expect(backendReport()).toEqual(report);
  });

  it('switches to an explicit backend', async () => {
    const report = await useBackend('cpu');
    expect(report).toEqual({ name: 'cpu', reason: 'chosen explicitly' });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('registers gradients, so training works right after it', async () => {
    await useBackend('cpu');
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.relu(tf.matMul(x, x))));
    const x = tf.tensor2d([[1, -2], [3, 4]]);
    const dx = g(x);
    expect(Array.from(dx.dataSync())).toEqual([3, 3, 3, 11]);
    tf.dispose([x, dx]);
  });

  it('names the unknown backend and lists the known ones', async () => {
    await expect(useBackend('tpu')).rejects.toThrow(/unknown backend 'tpu'\. Known backends: tensorflow, webgpu, layerwise-wasm, wasm, cpu/);
  });
});
