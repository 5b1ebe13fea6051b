import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { afterEach, describe, expect, it } from 'vitest';
import { useBackend } from '@layerwise/core';
import { nodeBackendProvider, probeNodeBackend, registerNodeBackend } from './index.js';

const failWith = (error: Error) => async () => {
  throw error;
};

afterEach(() => {
  if (tf.findBackendFactory('tensorflow') != null) tf.removeBackend('tensorflow');
});

describe('registerNodeBackend', () => {
  it('explains the real absence of @tensorflow/tfjs-node here, with the fallback', async () => {
    let installed = true;
    try {
      await import(/* @vite-ignore */ ['@tensorflow', 'tfjs-node'].join('/'));
    } catch {
      installed = false;
    }
    if (installed) {
      console.warn('skipping: @tensorflow/tfjs-node is installed here, so its absent path cannot be tested for real');
      return;
    }
    const report = await probeNodeBackend();
    expect(report).toMatchObject({ available: false, status: 'not-installed' });
    expect(report.message).toMatch(/@tensorflow\/tfjs-node is not installed .*falls back to WebGPU .*@layerwise\/backend-wasm/);
    await expect(registerNodeBackend()).rejects.toThrow(/registerNodeBackend: @tensorflow\/tfjs-node is not installed/);
    // As a useBackend candidate it is skipped with that reason, and the next one is used.
    const cpu = { name: 'cpu', packageName: '@tensorflow/tfjs-backend-cpu', load: () => import('@tensorflow/tfjs-backend-cpu') };
    const chosen = await useBackend('auto', { providers: [nodeBackendProvider, cpu] });
    expect(chosen.name).toBe('cpu');
    expect(chosen.skipped).toEqual([
      { name: 'tensorflow', packageName: '@layerwise/backend-node', why: expect.stringMatching(/^registerNodeBackend: @tensorflow\/tfjs-node is not installed/) },
    ]);
  });

  it('tells a missing native library apart', async () => {
    const error = new Error("libtensorflow.so.2: cannot open shared object file: No such file or directory");
    await expect(registerNodeBackend({ loadModule: failWith(error) })).rejects.toThrow(
      /installed but its native library did not load \(libtensorflow\.so\.2: cannot open.*npm rebuild @tensorflow\/tfjs-node/,
    );
  });

  it('tells an unsupported Node version apart', async () => {
    const error = new Error('The module was compiled against a different Node.js version using NODE_MODULE_VERSION 93');
    const report = await probeNodeBackend(failWith(error));
    expect(report.status).toBe('unsupported-runtime');
    expect(report.message).toContain(`does not support Node ${process.version}`);
  });

  it('reports a load that registers no backend', async () => {
    const report = await probeNodeBackend(async () => ({}));
    expect(report).toMatchObject({ available: false, status: 'failed' });
    expect(report.message).toMatch(/registered no 'tensorflow' backend/);
  });

  it("succeeds when the module registers 'tensorflow'", async () => {
    const load = async (name: string) => {
      expect(name).toBe('@tensorflow/tfjs-node');
      tf.registerBackend('tensorflow', () => new MathBackendCPU());
    };
    const report = await registerNodeBackend({ loadModule: load });
    expect(report).toMatchObject({ available: true, status: 'loaded' });
    expect(report.message).toContain(process.version);
  });
});
