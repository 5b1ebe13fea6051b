import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { afterAll, describe, expect, it } from 'vitest';
import type { BackendProvider } from './providers.js';
import { knownBackends } from './providers.js';
import { useBackend } from './use-backend.js';

const registered: string[] = [];

/** A provider that either fails with `failure` or registers a CPU backend under `name`. */
function fake(name: string, failure?: string): BackendProvider & { calls: { explicit: boolean; allowSoftwareGpu: boolean }[] } {
  const calls: { explicit: boolean; allowSoftwareGpu: boolean }[] = [];
  return {
    name: `fake-${name}`,
    packageName: `@fake/${name}`,
    calls,
    async load(context) {
      calls.push({ explicit: context?.explicit ?? false, allowSoftwareGpu: context?.allowSoftwareGpu ?? false });
      if (failure) throw new Error(failure);
      registered.push(`fake-${name}`);
      tf.registerBackend(`fake-${name}`, () => new MathBackendCPU());
    },
  };
}

afterAll(async () => {
  await tf.setBackend('cpu');
  for (const name of registered) tf.removeBackend(name);
});

describe("useBackend('auto') order", () => {
  it('tries tfjs-node, then WebGPU, then the WebAssembly backends, then cpu', () => {
    expect(knownBackends.map((p) => p.name)).toEqual(['tensorflow', 'webgpu', 'layerwise-wasm', 'wasm', 'cpu']);
  });

  it('uses tfjs-node when it loads', async () => {
    const providers = [fake('node'), fake('webgpu'), fake('wasm1')];
    const report = await useBackend('auto', { providers });
    expect(report).toEqual({ name: 'fake-node', choice: 'auto', reason: 'auto: first available of fake-node, fake-webgpu, fake-wasm1', skipped: [] });
    expect(tf.getBackend()).toBe('fake-node');
    expect(providers[1]!.calls).toEqual([]);
  });

  it('falls through to WebGPU, then the CPU backends, reporting every failure', async () => {
    const node = fake('node2', 'tfjs-node is not installed');
    const gpu = fake('gpu2', 'the only adapter is a software one');
    const wasm = fake('wasm2');
    const report = await useBackend('auto', { providers: [node, gpu, wasm] });
    expect(report.name).toBe('fake-wasm2');
    expect(report.reason).toBe(
      'auto: first available of fake-node2, fake-gpu2, fake-wasm2 after fake-node2 (@fake/node2): tfjs-node is not installed; ' +
        'fake-gpu2 (@fake/gpu2): the only adapter is a software one',
    );
    expect(report.skipped).toEqual([
      { name: 'fake-node2', packageName: '@fake/node2', why: 'tfjs-node is not installed' },
      { name: 'fake-gpu2', packageName: '@fake/gpu2', why: 'the only adapter is a software one' },
    ]);
    expect(gpu.calls).toEqual([{ explicit: false, allowSoftwareGpu: false }]);
  });

  it('chooses WebGPU when it loads, passing allowSoftwareGpu on', async () => {
    const gpu = fake('gpu3');
    const report = await useBackend('auto', { providers: [fake('node3', 'missing'), gpu, fake('wasm3')], allowSoftwareGpu: true });
    expect(report.name).toBe('fake-gpu3');
    expect(gpu.calls).toEqual([{ explicit: false, allowSoftwareGpu: true }]);
  });

  it('tells an explicit choice apart, and names the package when it fails', async () => {
    const gpu = fake('gpu4');
    expect(await useBackend('fake-gpu4', { providers: [gpu] })).toEqual({ name: 'fake-gpu4', choice: 'explicit', reason: 'chosen explicitly', skipped: [] });
    expect(gpu.calls).toEqual([{ explicit: true, allowSoftwareGpu: false }]);
    await expect(useBackend('fake-x', { providers: [fake('x', 'no adapter')] })).rejects.toThrow(
      /could not use 'fake-x': fake-x \(@fake\/x\): no adapter\. Is @fake\/x installed\?/,
    );
  });

  it('fails with every reason when nothing loads', async () => {
    await expect(useBackend('auto', { providers: [fake('a', 'nope'), fake('b', 'neither')] })).rejects.toThrow(
      /no backend could be loaded\. Tried fake-a \(@fake\/a\): nope; fake-b \(@fake\/b\): neither/,
    );
  });
});
