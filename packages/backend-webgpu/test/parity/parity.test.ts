import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWebGpuBackend } from '../../src/index.js';
import { prepareSwiftShader } from '../swiftshader.js';
import { parityCases as cases } from './cases.js';
import { trainSmallConvnet } from './convnet-run.js';
import { relativeError, runLayerCase, type LayerResult } from './layer-case.js';

// cpu (the reference) against layerwise-wasm (which useBackend loads through @layerwise/backend-wasm,
// a dev dependency so that it is built first) and webgpu on SwiftShader: forward and gradients of
// the main layers, and a short convnet fit, reading back asynchronously only.
const { available } = prepareSwiftShader();

/** Runs every case on one backend. */
async function runAll(backend: string): Promise<LayerResult[]> {
  await useBackend(backend);
  const before = tf.memory().numTensors;
  const results: LayerResult[] = [];
  for (const c of cases) results.push(await runLayerCase(c.make, c.xShape));
  expect(tf.memory().numTensors, `tensors leaked on ${backend}`).toBe(before);
  return results;
}

/** Every case's output and gradients within 1e-4 (relative to the largest reference value) of the reference. */
function expectParity(reference: LayerResult[], results: LayerResult[]): void {
  cases.forEach((c, i) => {
    const ref = reference[i]!;
    const got = results[i]!;
    expect(relativeError(got.y, ref.y), `${c.name} y`).toBeLessThan(1e-4);
    expect(relativeError(got.dx, ref.dx), `${c.name} dx`).toBeLessThan(1e-4);
    expect(got.dweights.length, `${c.name} weights`).toBe(ref.dweights.length);
    got.dweights.forEach((d, j) => expect(relativeError(d, ref.dweights[j]!), `${c.name} dweight ${j}`).toBeLessThan(1e-4));
  });
}

describe('parity of layerwise-wasm with the cpu reference', () => {
  it('computes every layer forward and backward within 1e-4 of cpu', async () => {
    const reference = await runAll('cpu');
    const wasm = await runAll('layerwise-wasm');
    expectParity(reference, wasm);
  });

  it('trains a small convnet through fit to the same curve', async () => {
    await useBackend('cpu');
    const cpu = await trainSmallConvnet();
    await useBackend('layerwise-wasm');
    const wasm = await trainSmallConvnet();
    wasm.forEach((v, i) => expect(Math.abs(v - cpu[i]!), `curve[${i}]: layerwise-wasm ${v} vs cpu ${cpu[i]}`).toBeLessThan(1e-3));
  });
});

describe.runIf(available)('parity of webgpu (SwiftShader, Node) with the cpu reference', () => {
  let reference: LayerResult[];
  beforeAll(async () => {
    reference = await runAll('cpu');
    await registerWebGpuBackend({ allowSoftwareAdapter: true });
  });

  it('computes every layer forward and backward within 1e-4 of cpu', async () => {
    expectParity(reference, await runAll('webgpu'));
  });

  it('trains a small convnet through fit to the same curve', async () => {
    await useBackend('cpu');
    const cpu = await trainSmallConvnet();
    await useBackend('webgpu');
    const before = tf.memory().numTensors;
    const webgpu = await trainSmallConvnet();
    expect(tf.memory().numTensors).toBe(before);
    expect(cpu[2]!).toBeLessThan(cpu[0]!);
    webgpu.forEach((v, i) => expect(Math.abs(v - cpu[i]!), `curve[${i}]: webgpu ${v} vs cpu ${cpu[i]}`).toBeLessThan(1e-3));
  });
});
