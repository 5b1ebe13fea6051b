import * as tf from '@tensorflow/tfjs-core';
import type { Variable } from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigDict } from '@layerwise/core';
import { useBackend } from '@layerwise/core';
import { adam } from './adam.js';
import type { BaseOptimizer } from './base-optimizer.js';
import { ftrl } from './ftrl.js';
import { nadam } from './nadam.js';
import { deserializeOptimizer } from './registry.js';
import { CosineDecayRestarts } from './schedules/cosine-decay-restarts.js';
import { sgd } from './sgd.js';
import type { OptimizerState } from './state.js';
import { disposeOptimizerState } from './state.js';

const SHAPES = [[3], [2, 2]];

const makeVariables = (values?: Float32Array[]) =>
  tf.tidy(() => SHAPES.map((shape, i) => tf.variable(values ? tf.tensor(values[i]!, shape) : tf.fill(shape, 0.5 - i))));

const read = (variables: Variable[]) => variables.map((v) => v.dataSync().slice() as Float32Array);

/** A deterministic gradient per step and variable, with varied signs and scales. */
function step(optimizer: BaseOptimizer, variables: Variable[], k: number): void {
  const gradients = variables.map((v, i) => tf.tensor(Array.from({ length: v.size }, (_, j) => Math.sin(3 * k + 7 * i + j) * (1 + (k % 3))), v.shape));
  optimizer.applyGradients(variables.map((variable, i) => ({ variable, gradient: gradients[i]! })));
  tf.dispose(gradients);
}

/** The state as plain arrays, to compare bit for bit. */
const plain = (state: OptimizerState) => ({
  iterations: state.iterations,
  learningRate: state.learningRate,
  slots: state.slots.map((s) => Object.fromEntries(Object.entries(s.values).map(([name, t]) => [name, Array.from(t.dataSync())]))),
});

interface Scenario {
  name: string;
  create: () => BaseOptimizer;
  /** Changes made before saving, as callbacks would. */
  before?: (optimizer: BaseOptimizer) => void;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'Nadam with a schedule, EMA overwriting, gradient accumulation (saved mid-accumulation), global clipping and weight decay',
    create: () =>
      nadam({
        learningRate: new CosineDecayRestarts({ initialLearningRate: 0.05, firstDecaySteps: 2, tMul: 1.5 }),
        useEma: true,
        emaMomentum: 0.7,
        emaOverwriteFrequency: 2,
        gradientAccumulationSteps: 3,
        globalClipnorm: 1,
        weightDecay: 0.01,
      }),
  },
  {
    name: 'Adam whose learning rate a callback changed, with EMA and clipvalue',
    create: () => adam({ learningRate: 0.1, useEma: true, clipvalue: 0.8, amsgrad: true }),
    before: (optimizer) => {
      optimizer.learningRate = 0.03;
    },
  },
  { name: 'Ftrl with accumulation and clipnorm', create: () => ftrl({ learningRate: 0.2, gradientAccumulationSteps: 2, clipnorm: 1, l1RegularizationStrength: 0.01 }) },
  { name: 'SGD with Nesterov momentum and weight decay', create: () => sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.1 }) },
];

describe('stopping, saving, restoring and continuing training', () => {
  beforeAll(() => useBackend('cpu'));
  let before = 0;
  beforeEach(() => {
    before = tf.memory().numTensors;
  });
  afterEach(() => {
    expect(tf.memory().numTensors).toBe(before);
  });

  for (const scenario of SCENARIOS) {
    it(`gives bit-identical results: ${scenario.name}`, () => {
      const original = scenario.create();
      const variables = makeVariables();
      for (let k = 0; k < 4; k++) step(original, variables, k);
      scenario.before?.(original);
      // What a checkpoint holds: the class and config (as JSON), the optimizer state and the weights.
      const saved = { className: original.className, config: JSON.parse(JSON.stringify(original.getConfig())) as ConfigDict, state: original.getState(), weights: read(variables) };
      const expected: Float32Array[][] = [];
      for (let k = 4; k < 9; k++) {
        step(original, variables, k);
        expected.push(read(variables));
      }
      const finalState = original.getState();

      // Resume twice: from the saved config, and from the original options (the state carries the rate).
      for (const resumed of [deserializeOptimizer({ className: saved.className, config: saved.config }), scenario.create()]) {
        const restored = makeVariables(saved.weights);
        resumed.setState(saved.state, restored);
        expect(resumed.stepCount).toBe(4);
        for (let k = 4; k < 9; k++) {
          step(resumed, restored, k);
          expect(read(restored), `step ${k + 1}`).toEqual(expected[k - 4]);
        }
        const state = resumed.getState();
        expect(plain(state)).toEqual(plain(finalState));
        expect(resumed.iterations).toBe(original.iterations);
        expect(resumed.learningRate).toBe(original.learningRate);
        disposeOptimizerState(state);
        resumed.dispose();
        tf.dispose(restored);
      }
      disposeOptimizerState(saved.state);
      disposeOptimizerState(finalState);
      original.dispose();
      tf.dispose(variables);
    });
  }
});
