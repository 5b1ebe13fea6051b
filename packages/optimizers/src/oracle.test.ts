import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConfigDict } from '@layerwise/core';
import { useBackend } from '@layerwise/core';
import { deserializeOptimizer } from './registry.js';

interface FixtureParam {
  shape: number[];
  initial: number[];
  gradients: number[][];
  expected: number[][];
}

interface FixtureCase {
  name: string;
  className: string;
  config: ConfigDict;
  oracle: string;
  learningRates?: number[];
  params: FixtureParam[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/optimizers.json', import.meta.url), 'utf8')) as { steps: number; cases: FixtureCase[] };

const RELATIVE = 1e-5;
const ABSOLUTE = 1e-7;

/** Indices where `actual` is further from `expected` than the tolerance, with both values. */
function mismatches(actual: Float32Array, expected: number[]): string[] {
  const out: string[] = [];
  expected.forEach((e, i) => {
    const a = actual[i]!;
    if (!(Math.abs(a - e) <= RELATIVE * Math.abs(e) + ABSOLUTE)) out.push(`[${i}] ${a} vs ${e}`);
  });
  return out;
}

describe('optimizers against the PyTorch oracle (fixtures/optimizers.json)', () => {
  beforeAll(() => useBackend('cpu'));

  it('covers every optimizer and variant with at least 5 steps', () => {
    expect(fixture.steps).toBeGreaterThanOrEqual(5);
    const names = fixture.cases.map((c) => c.name);
    for (const name of ['sgd-momentum', 'sgd-nesterov', 'rmsprop-centered', 'rmsprop-momentum', 'rmsprop-centered-momentum', 'adam-default', 'adam-amsgrad']) {
      expect(names).toContain(name);
    }
    for (const c of fixture.cases) {
      expect(c.params.length).toBeGreaterThanOrEqual(3);
      for (const p of c.params) expect(p.expected).toHaveLength(fixture.steps);
    }
    expect(new Set(fixture.cases.map((c) => c.oracle))).toEqual(new Set(['torch.optim.SGD', 'keras-formula (explicit torch)']));
  });

  for (const c of fixture.cases) {
    it(`${c.name} (${c.oracle}) matches every step`, () => {
      const before = tf.memory().numTensors;
      const optimizer = deserializeOptimizer({ className: c.className, config: c.config });
      expect(optimizer.getConfig()).toEqual(c.config);
      const variables = c.params.map((p) => tf.tidy(() => tf.variable(tf.tensor(p.initial, p.shape, 'float32'))));
      try {
        for (let step = 0; step < fixture.steps; step++) {
          if (c.learningRates) optimizer.learningRate = c.learningRates[step]!;
          const gradients = c.params.map((p) => tf.tensor(p.gradients[step]!, p.shape, 'float32'));
          optimizer.applyGradients(variables.map((variable, i) => ({ variable, gradient: gradients[i]! })));
          tf.dispose(gradients);
          variables.forEach((variable, i) => {
            const bad = mismatches(variable.dataSync() as Float32Array, c.params[i]!.expected[step]!);
            expect(bad, `step ${step + 1}, parameter ${i} (shape [${c.params[i]!.shape}])`).toEqual([]);
          });
        }
        expect(optimizer.iterations).toBe(fixture.steps);
      } finally {
        optimizer.dispose();
        tf.dispose(variables);
      }
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
