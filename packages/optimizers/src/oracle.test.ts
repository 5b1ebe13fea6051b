import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConfigDict } from '@layerwise/core';
import { useBackend } from '@layerwise/core';
import { knownOptimizers, deserializeOptimizer } from './registry.js';
import { deserializeLearningRateSchedule, knownLearningRateSchedules, serializeLearningRateSchedule } from './schedules/serialization.js';
import { disposeOptimizerState } from './state.js';

interface FixtureParam {
  shape: number[];
  initial: number[];
  gradients: number[][];
  expected: number[][];
  expectedAverages?: number[][];
}

interface FixtureCase {
  name: string;
  className: string;
  config: ConfigDict;
  oracle: string;
  expectedIterations: number;
  learningRates?: number[];
  params: FixtureParam[];
}

interface FixtureSchedule {
  name: string;
  className: string;
  config: ConfigDict;
  steps: number[];
  values: number[];
  crossCheck: string | null;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/optimizers.json', import.meta.url), 'utf8')) as {
  steps: number;
  cases: FixtureCase[];
  schedules: FixtureSchedule[];
};

const RELATIVE = 1e-5;
const ABSOLUTE = 1e-7;
const EXPLICIT = 'keras-formula (explicit torch)';

/** Indices where `actual` is further from `expected` than the tolerance, with both values. */
function mismatches(actual: ArrayLike<number>, expected: number[], relative = RELATIVE, absolute = ABSOLUTE): string[] {
  const out: string[] = [];
  expected.forEach((e, i) => {
    const a = actual[i]!;
    if (!(Math.abs(a - e) <= relative * Math.abs(e) + absolute)) out.push(`[${i}] ${a} vs ${e}`);
  });
  return out;
}

const configFeature = (c: FixtureCase, key: string) => c.config[key] !== null && c.config[key] !== false && c.config[key] !== undefined;

describe('optimizers against the PyTorch oracle (fixtures/optimizers.json)', () => {
  beforeAll(() => useBackend('cpu'));

  it('covers every optimizer, base feature and schedule with at least 5 steps', () => {
    expect(fixture.steps).toBeGreaterThanOrEqual(5);
    const names = fixture.cases.map((c) => c.name);
    for (const name of ['sgd-momentum', 'sgd-nesterov', 'rmsprop-centered', 'rmsprop-momentum', 'rmsprop-centered-momentum', 'adam-default', 'adam-amsgrad']) {
      expect(names).toContain(name);
    }
    for (const c of fixture.cases) {
      expect(c.params.length).toBeGreaterThanOrEqual(3);
      for (const p of c.params) expect(p.expected).toHaveLength(fixture.steps);
    }
    // Every optimizer getOptimizer knows, with a torch.optim oracle where torch's formula is Keras'.
    const classes = new Set(fixture.cases.map((c) => c.className.toLowerCase()));
    expect([...classes].sort()).toEqual([...knownOptimizers].sort());
    const oracles = new Set(fixture.cases.map((c) => c.oracle));
    for (const o of ['torch.optim.SGD', 'torch.optim.AdamW', 'torch.optim.Adagrad', 'torch.optim.Adadelta', 'torch.optim.Adamax', EXPLICIT]) expect(oracles).toContain(o);
    for (const o of oracles) expect(o === EXPLICIT || o.startsWith('torch.optim.')).toBe(true);
    for (const key of ['weight_decay', 'clipnorm', 'clipvalue', 'global_clipnorm', 'use_ema', 'ema_overwrite_frequency', 'gradient_accumulation_steps']) {
      expect(fixture.cases.some((c) => configFeature(c, key)), key).toBe(true);
    }
    expect(fixture.cases.filter((c) => typeof c.config['learning_rate'] === 'object').length).toBeGreaterThanOrEqual(5);
    expect(new Set(fixture.schedules.map((s) => s.className))).toEqual(new Set(knownLearningRateSchedules));
    expect(fixture.schedules.filter((s) => s.crossCheck !== null).length).toBeGreaterThanOrEqual(6);
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
            const bad = mismatches(variable.dataSync(), c.params[i]!.expected[step]!);
            expect(bad, `step ${step + 1}, parameter ${i} (shape [${c.params[i]!.shape}])`).toEqual([]);
          });
          if (c.params[0]!.expectedAverages) {
            const state = optimizer.getState();
            state.slots.forEach((slots, i) => {
              const bad = mismatches(slots.values['average']!.dataSync(), c.params[i]!.expectedAverages![step]!);
              expect(bad, `moving average after step ${step + 1}, parameter ${i}`).toEqual([]);
            });
            disposeOptimizerState(state);
          }
        }
        expect(optimizer.iterations).toBe(c.expectedIterations);
        expect(optimizer.stepCount).toBe(fixture.steps);
        if (c.params[0]!.expectedAverages) {
          // Keras' finalize_variable_values: the variables take their moving average.
          optimizer.finalizeVariableValues();
          variables.forEach((variable, i) => {
            expect(mismatches(variable.dataSync(), c.params[i]!.expectedAverages![fixture.steps - 1]!), `finalized parameter ${i}`).toEqual([]);
          });
        }
      } finally {
        optimizer.dispose();
        tf.dispose(variables);
      }
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

describe('learning rate schedules against Keras formulas and torch.optim.lr_scheduler (fixtures/optimizers.json)', () => {
  for (const s of fixture.schedules) {
    it(`${s.name} (${s.crossCheck ?? 'Keras formula'}) matches every step`, () => {
      const schedule = deserializeLearningRateSchedule({ class_name: s.className, config: s.config });
      expect(schedule.className).toBe(s.className);
      expect(schedule.getConfig()).toEqual(s.config);
      expect(serializeLearningRateSchedule(schedule)).toEqual({ module: 'keras.optimizers.schedules', class_name: s.className, config: s.config, registered_name: null });
      const values = s.steps.map((step) => schedule.call(step));
      // Both sides compute in float64: far tighter than the optimizers' float32 tolerance.
      expect(mismatches(values, s.values, 1e-12, 1e-15)).toEqual([]);
    });
  }
});
