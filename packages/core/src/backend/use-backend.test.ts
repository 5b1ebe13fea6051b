import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { activeBackend, backendReport, useBackend } from './use-backend.js';

describe('useBackend', () => {
  it("'auto' picks the first available WebAssembly backend and says why", async () => {
    // @layerwise/backend-node and @layerwise/backend-webgpu are not installed in core, so they fail;
    // @layerwise/backend-wasm comes next: whether it loads here depends on its build having run
    // (its own tests check that 'auto' picks it), tfjs-backend-wasm comes next.
    const report = await useBackend('auto');
    expect(['layerwise-wasm', 'wasm']).toContain(report.name);
    expect(report.reason).toContain('auto: first available of tensorflow, webgpu, layerwise-wasm, wasm, cpu after tensorflow (@layerwise/backend-node): ');
    expect(report.reason).toContain('webgpu (@layerwise/backend-webgpu): ');
    // Not installed in core: the short reasons say so, in the order tried.
    expect(report.skipped.slice(0, 2)).toEqual([
      { name: 'tensorflow', packageName: '@layerwise/backend-node', why: '@layerwise/backend-node is not installed' },
      { name: 'webgpu', packageName: '@layerwise/backend-webgpu', why: '@layerwise/backend-webgpu is not installed' },
    ]);
    expect(report.choice).toBe('auto');
    expect(tf.getBackend()).toBe(report.name);
    expect(backendReport()).toEqual(report);
  });

  it('switches to an explicit backend', async () => {
    const report = await useBackend('cpu');
    expect(report).toEqual({ name: 'cpu', choice: 'explicit', reason: 'chosen explicitly', skipped: [] });
    expect(tf.getBackend()).toBe('cpu');
    expect(activeBackend()).toBe(report);
  });

  it('says what is active when the application switched backends itself', async () => {
    await useBackend('cpu');
    tf.registerBackend('app-registered', () => new MathBackendCPU());
    try {
      await tf.setBackend('app-registered');
      expect(activeBackend()).toEqual({
        name: 'app-registered',
        choice: 'application',
        reason: "switched to by the application after useBackend chose 'cpu'",
        skipped: [],
      });
      const named = await useBackend('app-registered');
      expect(named.choice).toBe('application');
    } finally {
      await tf.setBackend('cpu');
      tf.removeBackend('app-registered');
    }
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
