// One command, the same models on the same data in one run: Layerwise (the @layerwise/layers API)
// and tfjs-layers, each on tfjs-backend-cpu, tfjs-backend-wasm and layerwise-wasm, then PyTorch when
// /usr/bin/python3 has torch. Prints samples/s per model and batch size, and ratios. The networks:
// the MLP, the MNIST convnet, a separable MNIST convnet and the book's 150x150 convnet
// (src/api-models.ts).
//   pnpm --filter @layerwise/benchmarks fit [--cpu-convnet] [--quick]
// tfjs-backend-cpu trains convnets at about 1.5 samples/s: they run there only with --cpu-convnet
// (one timed step of the MNIST convnet at batch 32).
import { execFileSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs-core';
import { batchData, layerwiseStep, tfjsLayersStep, type ApiModelName, type ApiStep } from './api-models.js';
import { benchBackends } from './backends.js';
import { describeMachine } from './machine.js';
import { median, timeRepeatedAsync } from './stats.js';

const cases: [ApiModelName, number][] = [
  ['mlp', 128],
  ['mlp', 32],
  ['convnet', 128],
  ['convnet', 32],
  ['separable', 128],
  ['separable', 32],
  ['smalldata150', 32],
];

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const cpuConvnet = process.argv.includes('--cpu-convnet');
  console.log(`# Training with the model APIs: Layerwise and tfjs-layers on three backends, and PyTorch\n\n${describeMachine()}\n`);
  // layerwise-wasm with relaxed SIMD on 2 threads (both frameworks) and on 1 thread (Layerwise
  // only: the like-for-like comparison with PyTorch on one thread).
  const backends = benchBackends().filter((b) => !b.label.includes('layerwise') || b.label.includes('relaxed'));
  const columns: string[] = [];
  const table = new Map<string, Map<string, number | string>>();
  for (const backend of backends) {
    await backend.activate();
    const frameworks = [['Layerwise', layerwiseStep], ['tfjs-layers', tfjsLayersStep]] as const;
    for (const [framework, make] of backend.label.includes('1T') ? frameworks.slice(0, 1) : frameworks) {
      const column = `${framework} on ${backend.label}`;
      columns.push(column);
      for (const [name, batch] of cases) {
        const key = `${name}, batch ${batch}`;
        const row = table.get(key) ?? new Map<string, number | string>();
        table.set(key, row);
        const isCpu = backend.label.includes('cpu');
        if (isCpu && name !== 'mlp' && (!cpuConvnet || batch !== 32 || name !== 'convnet')) {
          row.set(column, 'skipped');
          continue;
        }
        const { x, y } = batchData(name, batch);
        let run: ApiStep | undefined;
        try {
          run = make(name, x, y);
          const slow = isCpu || backend.label.includes('XNNPACK') || name === 'smalldata150';
          const times = await timeRepeatedAsync(run.step, isCpu && name !== 'mlp' ? { warmup: 0, minReps: 1, maxReps: 1, budgetMs: 0 } : slow ? { warmup: 1, minReps: 2, maxReps: quick ? 3 : 8, budgetMs: 4000 } : { warmup: 2, minReps: 5, maxReps: quick ? 10 : 40, budgetMs: 3000 });
          const rate = batch / (median(times) / 1000);
          row.set(column, rate);
          process.stderr.write(`${column} ${key}: ${rate.toFixed(1)} samples/s\n`);
        } catch (error) {
          row.set(column, `fails (${(error as Error).message.split('\n')[0]!.slice(0, 50)})`);
        } finally {
          run?.dispose();
          tf.dispose([x, y]);
        }
      }
    }
  }
  // PyTorch on one thread and on two, each a column.
  const pytorch = new Map<string, Map<string, number>>();
  for (const threads of [1, 2]) {
    const column = `PyTorch ${threads}T`;
    try {
      const script = new URL('../pytorch/bench.py', import.meta.url).pathname;
      const out = execFileSync('/usr/bin/python3', [script, '--train-only', '--threads', String(threads), ...(quick ? ['--quick'] : [])], { encoding: 'utf8' });
      pytorch.set(column, new Map([...out.matchAll(/^\| (\w+, batch \d+) \| (\d+) \|$/gm)].map((m) => [m[1]!, Number(m[2])])));
      columns.push(column);
    } catch (error) {
      console.log(`${column} not run: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  const value = (row: Map<string, number | string>, key: string, column: string) => pytorch.get(column)?.get(key) ?? row.get(column);
  const fmt = (v: number | string | undefined) => (typeof v === 'number' ? (v >= 100 ? v.toFixed(0) : v.toPrecision(3)) : (v ?? ''));
  console.log(`| model | ${columns.join(' | ')} |`);
  console.log(`|---|${columns.map(() => '---:').join('|')}|`);
  for (const [key, row] of table) console.log(`| ${key} | ${columns.map((c) => fmt(value(row, key, c))).join(' | ')} |`);
  console.log('\nRatios of Layerwise on layerwise-wasm (2 threads unless said):');
  for (const [key, row] of table) {
    const ours = (threads: number) => row.get(`Layerwise on layerwise-wasm relaxed-SIMD ${threads}T`);
    const v = ours(2);
    if (typeof v !== 'number') continue;
    const parts: string[] = [];
    const torch2 = value(row, key, 'PyTorch 2T');
    const torch1 = value(row, key, 'PyTorch 1T');
    const one = ours(1);
    if (typeof torch2 === 'number') parts.push(`${(v / torch2).toFixed(2)}x PyTorch 2T`);
    if (typeof torch1 === 'number' && typeof one === 'number') parts.push(`1 thread: ${(one / torch1).toFixed(2)}x PyTorch 1T`);
    const base = row.get('tfjs-layers on tfjs-backend-cpu');
    if (typeof base === 'number') parts.push(`${(v / base).toFixed(0)}x tfjs-layers on tfjs-backend-cpu`);
    const xnn = row.get('tfjs-layers on tfjs-backend-wasm (XNNPACK)');
    if (typeof xnn === 'number') parts.push(`${(v / xnn).toFixed(1)}x tfjs-layers on tfjs-backend-wasm`);
    console.log(`- ${key}: ${parts.join(', ') || 'no comparison'}`);
  }
}

await main();
