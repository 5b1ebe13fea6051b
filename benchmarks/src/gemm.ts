// GEMM throughput (GFLOP/s, median of repeats) through tf.matMul on each backend, for the
// products an MLP's training step runs, in all four transpose variants. Usage:
//   pnpm --filter @layerwise/benchmarks gemm [--only=cpu,layerwise]
import * as tf from '@tensorflow/tfjs-core';
import { benchBackends } from './backends.js';
import { describeMachine } from './machine.js';
import { median, timeRepeated } from './stats.js';

/** [M, K, N]: op(A) is M x K, op(B) is K x N. */
const shapes: [number, number, number][] = [
  [128, 784, 512],
  [128, 512, 512],
  [784, 128, 512],
];
const transposes: [boolean, boolean][] = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
];

const caseLabel = ([m, k, n]: [number, number, number], [ta, tb]: [boolean, boolean]) =>
  `${m}x${k}x${n} ${ta ? 'Aᵀ' : 'A'}${tb ? 'Bᵀ' : 'B'}`;

async function main(): Promise<void> {
  console.log(`# GEMM benchmark\n\n${describeMachine()}\n`);
  const backends = benchBackends({ scalar: true });
  const results = new Map<string, Map<string, string>>();
  for (const backend of backends) {
    await backend.activate();
    const column = new Map<string, string>();
    results.set(backend.label, column);
    const slow = backend.label.includes('cpu') || backend.label.includes('scalar');
    for (const shape of shapes) {
      const [m, k, n] = shape;
      for (const t of transposes) {
        const [ta, tb] = t;
        const a = tf.randomUniform(ta ? [k, m] : [m, k], -1, 1);
        const b = tf.randomUniform(tb ? [n, k] : [k, n], -1, 1);
        const times = timeRepeated(
          () => {
            const c = tf.matMul(a, b, ta, tb);
            c.dataSync();
            c.dispose();
          },
          slow ? { warmup: 1, minReps: 3, maxReps: 5, budgetMs: 2000 } : { warmup: 5, minReps: 15, maxReps: 200, budgetMs: 1500 },
        );
        const gflops = (2 * m * n * k) / median(times) / 1e6;
        column.set(caseLabel(shape, t), `${gflops.toFixed(1)}`);
        tf.dispose([a, b]);
        process.stderr.write(`${backend.label} ${caseLabel(shape, t)}: ${gflops.toFixed(1)} GFLOP/s (${times.length} reps)\n`);
      }
    }
  }
  const labels = backends.map((b) => b.label);
  console.log(`| M x K x N | ${labels.join(' | ')} |`);
  console.log(`|---|${labels.map(() => '---:').join('|')}|`);
  for (const shape of shapes) {
    for (const t of transposes) {
      const key = caseLabel(shape, t);
      console.log(`| ${key} | ${labels.map((l) => results.get(l)!.get(key)).join(' | ')} |`);
    }
  }
  console.log('\nGFLOP/s = 2·M·N·K / median time of tf.matMul + dataSync (tensor creation and copies included).');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
