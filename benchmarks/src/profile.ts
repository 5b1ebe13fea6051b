// Per-kernel time of training steps on each backend: every kernel registered for the active
// backend is wrapped with a timer (lighter than tf.profile, which also reads every output).
//   pnpm --filter @layerwise/benchmarks profile-step [--only=relaxed-SIMD 1T] [--model=convnet] [--batch=128]
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { benchBackends } from './backends.js';
import { buildModel, trainingStep } from './models.js';
import type { ModelName } from './models.js';
import { median, timeRepeated } from './stats.js';

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

async function main(): Promise<void> {
  const modelName = arg('model', 'mlp') as ModelName;
  const batch = Number(arg('batch', '128'));
  const steps = Number(arg('steps', '10'));
  for (const backend of benchBackends()) {
    if (backend.label.includes('cpu') && modelName === 'convnet') continue;
    await backend.activate();
    const model = buildModel(modelName);
    const step = trainingStep(model, batch);
    step();
    step();
    const stepMs = median(timeRepeated(() => void step(), { warmup: 0, minReps: steps, maxReps: steps, budgetMs: 0 }));
    const { totals, restore } = instrument(tf.getBackend());
    for (let i = 0; i < steps; i++) step();
    restore();
    const inKernels = [...totals.values()].reduce((s, e) => s + e.ms, 0) / steps;
    console.log(
      `\n## ${backend.label}: ${modelName}, batch ${batch}: step ${stepMs.toFixed(2)} ms (median), ` +
        `${inKernels.toFixed(2)} ms in kernels (mean of ${steps} steps)`,
    );
    for (const [name, { ms, calls }] of [...totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, 16)) {
      console.log(`${name.padEnd(24)} ${(ms / steps).toFixed(3).padStart(9)} ms  ${String(calls / steps).padStart(5)} calls/step`);
    }
    model.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
