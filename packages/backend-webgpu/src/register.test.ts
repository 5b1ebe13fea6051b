import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { describe, expect, it } from 'vitest';
import { prepareSwiftShader } from '../test/swiftshader.js';
import { registerWebGpuBackend, webgpuBackendInfo, webgpuBackendProvider } from './index.js';

const { available } = prepareSwiftShader();

describe.runIf(available)('registerWebGpuBackend in Node on SwiftShader', () => {
  it('refuses the software adapter unless allowed, naming it', async () => {
    await expect(registerWebGpuBackend()).rejects.toThrow(/software one \(google swiftshader.*allowSoftwareAdapter: true/);
    expect(webgpuBackendInfo()).toBeUndefined();
  });

  it("is skipped by useBackend('auto') as a provider, saying why, and the next candidate is used", async () => {
    const cpu = { name: 'cpu', packageName: '@tensorflow/tfjs-backend-cpu', load: () => import('@tensorflow/tfjs-backend-cpu') };
    const report = await useBackend('auto', { providers: [webgpuBackendProvider, cpu] });
    expect(report.name).toBe('cpu');
    expect(report.skipped).toHaveLength(1);
    expect(report.skipped[0]).toMatchObject({ name: 'webgpu', packageName: '@layerwise/backend-webgpu' });
    expect(report.skipped[0]!.why).toMatch(/^registerWebGpuBackend: the only adapter is a software one \(google swiftshader/);
    expect(webgpuBackendInfo()).toBeUndefined();
  });

  it('rejects a bad powerPreference with the value received', async () => {
    await expect(registerWebGpuBackend({ powerPreference: 'fast' as 'low-power' })).rejects.toThrow(
      /powerPreference must be 'high-performance' or 'low-power', received "fast"/,
    );
  });

  it('registers webgpu on the adapter it reports, and computes correctly with async reads', async () => {
    const info = await registerWebGpuBackend({ allowSoftwareAdapter: true, powerPreference: 'low-power' });
    expect(info).toMatchObject({ source: 'node-webgpu', powerPreference: 'low-power', vendor: 'google', architecture: 'swiftshader', isSoftware: true });
    expect(webgpuBackendInfo()).toEqual(info);
    const report = await useBackend('webgpu');
    expect(report.name).toBe('webgpu');
    expect(tf.getBackend()).toBe('webgpu');

    const before = tf.memory().numTensors;
    const a = tf.tensor2d([[1, 2], [3, 4]]);
    const b = tf.tensor2d([[5, 6], [7, 8]]);
    const c = tf.matMul(a, b);
    expect(Array.from(await c.data())).toEqual([19, 22, 43, 50]);
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.relu(tf.matMul(x, x))));
    const x = tf.tensor2d([[1, -2], [3, 4]]);
    const dx = g(x);
    expect(Array.from(await dx.data())).toEqual([3, 3, 3, 11]);
    tf.dispose([a, b, c, x, dx]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
