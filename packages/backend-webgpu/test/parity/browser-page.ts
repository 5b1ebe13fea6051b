import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { registerWebGpuBackend, type WebGpuBackendInfo } from '../../src/index.js';
import { trainSmallConvnet } from './convnet-run.js';
import { parityCases } from './cases.js';
import { relativeError, runLayerCase, type LayerResult } from './layer-case.js';

/** What the Chromium page reports: the adapter, the worst relative error per case, both training curves. */
export interface BrowserParityReport {
  readonly info: WebGpuBackendInfo;
  readonly errors: Record<string, number>;
  readonly cpuCurve: number[];
  readonly webgpuCurve: number[];
  readonly leaked: number;
}

async function runAll(backend: string): Promise<LayerResult[]> {
  await useBackend(backend);
  const results: LayerResult[] = [];
  for (const c of parityCases) results.push(await runLayerCase(c.make, c.xShape));
  return results;
}

/** Runs the parity cases on cpu and on webgpu in the page (asynchronous reads only). */
export default async function run(): Promise<BrowserParityReport> {
  const reference = await runAll('cpu');
  const cpuCurve = await trainSmallConvnet();
  const info = await registerWebGpuBackend({ allowSoftwareAdapter: true });
  const before = tf.memory().numTensors;
  const webgpu = await runAll('webgpu');
  const webgpuCurve = await trainSmallConvnet();
  const leaked = tf.memory().numTensors - before;
  const errors: Record<string, number> = {};
  parityCases.forEach((c, i) => {
    const ref = reference[i]!;
    const got = webgpu[i]!;
    errors[c.name] = Math.max(
      relativeError(got.y, ref.y),
      relativeError(got.dx, ref.dx),
      got.dweights.length === ref.dweights.length ? 0 : Infinity,
      ...got.dweights.map((d, j) => relativeError(d, ref.dweights[j]!)),
    );
  });
  return { info, errors, cpuCurve, webgpuCurve, leaked };
}
