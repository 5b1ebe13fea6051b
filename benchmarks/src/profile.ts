// Per-kernel time of training steps on each backend: every kernel registered for the active
// backend is wrapped with a timer (lighter than tf.profile, which also reads every output).
//   pnpm --filter @layerwise/benchmarks profile-step [--only=relaxed-SIMD 1T] [--model=convnet] [--batch=128]
//     [--api=layerwise|tfjs-layers]
// Without --api the networks are plain tfjs-core ops with an SGD update (src/models.ts); with it,
// the model API's trainOnBatch on the networks of src/api-models.ts (mlp, convnet, separable,
// smalldata150).
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { batchData, layerwiseStep, tfjsLayersStep, type ApiModelName } from './api-models.js';
import { benchBackends } from './backends.js';
import { describeMachine } from './machine.js';
import { buildModel, trainingStep } from './models.js';
import type { ModelName } from './models.js';
import { median } from './stats.js';

function arg(name: string, fallback: string): string {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
}

/** Wraps every kernel of `backendName` with a timer; returns the totals and a function undoing it. */
function instrument(backendName: string) {
  const totals = new Map<string, { ms: number; calls: number }>();
  const originals: KernelConfig[] = [];
  for (const config of tf.getKernelsForBackend(backendName)) {
    originals.push(config);
    tf.unregisterKernel(config.kernelName, backendName);
    tf.registerKernel({
      ...config,
      kernelFunc: (args) => {
        const t0 = performance.now();
        const out = config.kernelFunc(args);
        const entry = totals.get(config.kernelName) ?? { ms: 0, calls: 0 };
        entry.ms += performance.now() - t0;
        entry.calls++;
        totals.set(config.kernelName, entry);
        return out;
      },
    });
  }
  const restore = () => {
    for (const config of originals) {
      tf.unregisterKernel(config.kernelName, backendName);
      tf.registerKernel(config);
    }
  };
  return { totals, restore };
}

/** A training step to profile, and what to dispose after. */
function makeStep(api: string, modelName: string, batch: number): { step: () => Promise<void>; dispose(): void } {
  if (api === 'ops') {
    const model = buildModel(modelName as ModelName);
    const step = trainingStep(model, batch);
    return { step: async () => void step(), dispose: () => model.dispose() };
  }
  const { x, y } = batchData(modelName as ApiModelName, batch);
  const run = (api === 'layerwise' ? layerwiseStep : tfjsLayersStep)(modelName as ApiModelName, x, y);
  return { step: run.step, dispose: () => (run.dispose(), tf.dispose([x, y])) };
}

async function main(): Promise<void> {
  const modelName = arg('model', 'mlp');
  const batch = Number(arg('batch', '128'));
  const steps = Number(arg('steps', '10'));
  const api = arg('api', 'ops');
  console.log(`# Kernel profile: ${modelName}, batch ${batch}, ${api === 'ops' ? 'tfjs-core ops' : api} \n\n${describeMachine()}`);
  for (const backend of benchBackends()) {
    if (backend.label.includes('cpu') && modelName !== 'mlp') continue;
    await backend.activate();
    const { step, dispose } = makeStep(api, modelName, batch);
    await step();
    await step();
    const times: number[] = [];
    for (let i = 0; i < steps; i++) {
      const t0 = performance.now();
      await step();
      times.push(performance.now() - t0);
    }
    const stepMs = median(times);
    const { totals, restore } = instrument(tf.getBackend());
    for (let i = 0; i < steps; i++) await step();
    restore();
    const inKernels = [...totals.values()].reduce((s, e) => s + e.ms, 0) / steps;
    console.log(
      `\n## ${backend.label}: ${modelName}, batch ${batch}: step ${stepMs.toFixed(2)} ms (median), ` +
        `${inKernels.toFixed(2)} ms in kernels (mean of ${steps} steps)`,
    );
    for (const [name, { ms, calls }] of [...totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, 18)) {
      console.log(`${name.padEnd(36)} ${(ms / steps).toFixed(3).padStart(9)} ms  ${String(calls / steps).padStart(5)} calls/step`);
    }
    dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
