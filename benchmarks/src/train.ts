// Training-step throughput (samples/s, median step time) of an MLP and a small convnet written in
// plain tfjs-core ops, on each backend. Usage:
//   pnpm --filter @layerwise/benchmarks train [--only=layerwise] [--cpu-convnet]
// tfjs-backend-cpu trains the convnet at about 1 sample/s, so it runs only with --cpu-convnet
// (one timed step at batch 32).
import { benchBackends } from './backends.js';
import { describeMachine } from './machine.js';
import { buildModel, trainingStep } from './models.js';
import type { ModelName } from './models.js';
import { median, timeRepeated } from './stats.js';

const cases: [ModelName, number][] = [
  ['mlp', 128],
  ['mlp', 32],
  ['convnet', 128],
  ['convnet', 32],
];

async function main(): Promise<void> {
  console.log(`# Training-step benchmark\n\n${describeMachine()}\n`);
  const cpuConvnet = process.argv.includes('--cpu-convnet');
  const backends = benchBackends();
  const results = new Map<string, Map<string, string>>();
  for (const backend of backends) {
    await backend.activate();
    const column = new Map<string, string>();
    results.set(backend.label, column);
    for (const [name, batch] of cases) {
      const key = `${name}, batch ${batch}`;
      const isCpu = backend.label.includes('cpu');
      if (isCpu && name === 'convnet' && (!cpuConvnet || batch !== 32)) {
        column.set(key, 'skipped');
        continue;
      }
      const model = buildModel(name);
      try {
        const step = trainingStep(model, batch);
        const slow = isCpu || backend.label.includes('XNNPACK');
        const times = timeRepeated(
          () => void step(),
          isCpu && name === 'convnet'
            ? { warmup: 0, minReps: 1, maxReps: 1, budgetMs: 0 }
            : slow
              ? { warmup: 1, minReps: 3, maxReps: 10, budgetMs: 5000 }
              : { warmup: 2, minReps: 5, maxReps: 50, budgetMs: 4000 },
        );
        const rate = batch / (median(times) / 1000);
        column.set(key, rate >= 100 ? rate.toFixed(0) : rate.toPrecision(3));
        process.stderr.write(`${backend.label} ${key}: ${rate.toFixed(1)} samples/s (median of ${times.length} steps)\n`);
      } catch (error) {
        const message = (error as Error).message.split('\n')[0]!;
        column.set(key, `fails: ${message.slice(0, 60)}`);
        process.stderr.write(`${backend.label} ${key}: ${message}\n`);
      } finally {
        model.dispose();
      }
    }
  }
  const labels = backends.map((b) => b.label);
  console.log(`| model | ${labels.join(' | ')} |`);
  console.log(`|---|${labels.map(() => '---:').join('|')}|`);
  for (const [name, batch] of cases) {
    const key = `${name}, batch ${batch}`;
    console.log(`| ${key} | ${labels.map((l) => results.get(l)!.get(key)).join(' | ')} |`);
  }
  console.log('\nsamples/s = batch / median step time (forward, tf.variableGrads, SGD update, loss read back).');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
