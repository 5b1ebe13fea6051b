// Training speed on WebGPU in Node (Dawn, the `webgpu` package), beside layerwise-wasm in the same
// run: the Layerwise trainOnBatch step (SGD) of the MLP, the MNIST convnet and the book's 150x150
// convnet on synthetic data, samples/s per model and batch size. Made for a machine with a GPU
// (benchmarks/gpu/README.md says how to run it on the device tool's machines); on a machine without
// one, --allow-software runs it on a software adapter (SwiftShader), which measures nothing useful
// about GPUs but shows the script works.
//   node dist/webgpu-fit.js [--allow-software] [--quick] [--no-wasm]
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { registerWebGpuBackend } from '@layerwise/backend-webgpu';
import { batchData, layerwiseStep, type ApiModelName } from './api-models.js';
import { describeMachine } from './machine.js';
import { median, timeRepeatedAsync } from './stats.js';

const cases: [ApiModelName, number][] = [
  ['mlp', 128],
  ['mlp', 512],
  ['convnet', 32],
  ['convnet', 128],
  ['convnet', 512],
  ['smalldata150', 32],
];

async function rate(name: ApiModelName, batch: number, quick: boolean): Promise<number> {
  const { x, y } = batchData(name, batch);
  const run = layerwiseStep(name, x, y);
  try {
    // The first steps compile the shaders; trainOnBatch reads the loss back, so a step has finished on the device.
    const times = await timeRepeatedAsync(run.step, quick ? { warmup: 1, minReps: 2, maxReps: 3, budgetMs: 2000 } : { warmup: 2, minReps: 3, maxReps: 30, budgetMs: 5000 });
    return batch / (median(times) / 1000);
  } finally {
    run.dispose();
    tf.dispose([x, y]);
  }
}

async function main(): Promise<void> {
  const allowSoftware = process.argv.includes('--allow-software');
  const quick = process.argv.includes('--quick');
  const info = await registerWebGpuBackend({ allowSoftwareAdapter: allowSoftware });
  console.log(`# Training on WebGPU in Node\n\n${describeMachine()}\n`);
  console.log(`Adapter: ${info.vendor} ${info.architecture} (${info.description || 'no description'}), software: ${info.isSoftware}\n`);
  // --quick: the small cases only, few steps (enough to see the script work on a software adapter).
  const chosen = quick ? cases.filter(([name, batch]) => name !== 'smalldata150' && batch <= 32 + (name === 'mlp' ? 96 : 0)) : cases;
  const columns = ['webgpu', ...(process.argv.includes('--no-wasm') ? [] : ['layerwise-wasm'])];
  const rows = new Map<string, string[]>();
  for (const backend of columns) {
    await useBackend(backend);
    for (const [name, batch] of chosen) {
      const key = `${name}, batch ${batch}`;
      let cell: string;
      try {
        const r = await rate(name, batch, quick);
        cell = r.toFixed(1);
        process.stderr.write(`${backend} ${key}: ${cell} samples/s\n`);
      } catch (error) {
        cell = `fails (${(error as Error).message.split('\n')[0]!.slice(0, 60)})`;
      }
      rows.set(key, [...(rows.get(key) ?? []), cell]);
    }
  }
  console.log(`| samples/s (Layerwise trainOnBatch, SGD) | ${columns.join(' | ')} |`);
  console.log(`| --- | ${columns.map(() => '---:').join(' | ')} |`);
  for (const [key, cells] of rows) console.log(`| ${key} | ${cells.join(' | ')} |`);
}

await main();
