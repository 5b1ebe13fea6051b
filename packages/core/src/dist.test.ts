import { execFileSync } from 'node:child_process';
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
