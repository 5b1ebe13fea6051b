// Per-kernel time of one training step on one backend (tf.profile), to see where a step goes.
//   pnpm --filter @layerwise/benchmarks profile-step [--only=layerwise-wasm relaxed-SIMD 1T] [--model=convnet] [--batch=128]
import * as tf from '@tensorflow/tfjs-core';
import { benchBackends } from './backends.js';
import { buildModel, trainingStep } from './models.js';
import type { ModelName } from './models.js';

function arg(name: string, fallback: string): string {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
}

async function main(): Promise<void> {
  const modelName = arg('model', 'mlp') as ModelName;
  const batch = Number(arg('batch', '128'));
  for (const backend of benchBackends()) {
    await backend.activate();
    const model = buildModel(modelName);
    const step = trainingStep(model, batch);
    step();
    step();
    const info = await tf.profile(() => {
      step();
    });
    const byKernel = new Map<string, { ms: number; calls: number }>();
    for (const kernel of info.kernels) {
      const ms = Number(await kernel.kernelTimeMs);
      const entry = byKernel.get(kernel.name) ?? { ms: 0, calls: 0 };
      entry.ms += ms;
      entry.calls++;
      byKernel.set(kernel.name, entry);
    }
    const total = [...byKernel.values()].reduce((s, e) => s + e.ms, 0);
    console.log(`\n## ${backend.label}: ${modelName}, batch ${batch}: ${total.toFixed(1)} ms in kernels`);
    for (const [name, { ms, calls }] of [...byKernel].sort((a, b) => b[1].ms - a[1].ms).slice(0, 20)) {
      console.log(`${name.padEnd(24)} ${ms.toFixed(2).padStart(9)} ms  ${String(calls).padStart(4)} calls`);
    }
    model.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
