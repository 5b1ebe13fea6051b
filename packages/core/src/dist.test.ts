import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The built package, loaded by plain Node (not vitest): the gradients must be bundled in a form
// Node loads, for ESM and CJS consumers alike.
const root = resolve(__dirname, '..');
const program = (load: string) => `
${load}
const tf = require('@tensorflow/tfjs-core');
core.useBackend('cpu').then(() => {
  const g = tf.grad((x) => tf.sum(tf.relu(x)));
  console.log(Array.from(g(tf.tensor1d([-1, 2])).dataSync()).join(','));
});`;

describe('built package in plain Node', () => {
  it.each(['dist/index.cjs', 'dist/index.js'])('%s: every common gradient matches central finite differences', (file) => {
    const out = execFileSync(process.execPath, ['test/dist-gradients.cjs', file], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    const report = JSON.parse(out.trim().split('\n').at(-1)!) as { checked: number; cases: number; failures: string[] };
    expect(report.failures).toEqual([]);
    expect(report.cases).toBeGreaterThanOrEqual(59);
    expect(report.checked).toBeGreaterThan(900);
  }, 120_000);

  it('carries no second copy of tfjs-core: gradient configs import its public entry', () => {
    for (const file of ['dist/index.js', 'dist/index.cjs']) {
      const code = readFileSync(resolve(root, file), 'utf8');
      // The engine, the registries and tensors come from the application's tfjs-core.
      for (const marker of ['function getOrMakeEngine', 'var Engine = class', 'var EngineState = class', 'Environment = class', 'Tensor2 = class']) {
        expect(code.includes(marker), `${file} contains '${marker}'`).toBe(false);
      }
      expect(code.length, file).toBeLessThan(130_000);
    }
  });

  it('loads through require and trains (gradients registered)', () => {
    const out = execFileSync(process.execPath, ['-e', program("const core = require('./dist/index.cjs');")], { cwd: root }).toString();
    expect(out.trim()).toBe('0,1');
  });

  it('loads through import', () => {
    const esm = `import * as core from './dist/index.js'; import * as tf from '@tensorflow/tfjs-core';
await core.useBackend('cpu'); const g = tf.grad((x) => tf.sum(tf.relu(x)));
console.log(Array.from(g(tf.tensor1d([-1, 2])).dataSync()).join(','));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', esm], { cwd: root }).toString();
    expect(out.trim()).toBe('0,1');
  });
});
