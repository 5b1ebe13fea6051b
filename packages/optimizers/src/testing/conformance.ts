import * as tf from '@tensorflow/tfjs-core';
import type { Variable } from '@tensorflow/tfjs-core';
import type { ConfigDict, Optimizer } from '@layerwise/core';
import { LayerwiseError } from '@layerwise/core';
import type { BaseOptimizer } from '../base-optimizer.js';
import { disposeOptimizerState } from '../state.js';

/** An optimizer the harness can test: core's `Optimizer` with a config and state export/import. */
export type TestableOptimizer = Optimizer & Pick<BaseOptimizer, 'getState' | 'setState'>;

/** Options of {@link runOptimizerTest}. */
export interface OptimizerTestOptions {
  /** Makes a fresh optimizer (called several times), with a learning rate that moves a quadratic in a few steps. */
  create: () => TestableOptimizer;
  /** Rebuilds an optimizer from a config (the class' `fromConfig`, or its constructor). */
  fromConfig: (config: ConfigDict) => TestableOptimizer;
  /** Steps of the descent check. Default 5. */
  steps?: number;
  /**
   * The `iterations` after `calls` calls of `applyGradients`. Default: `calls` (one update per call);
   * with gradient accumulation over N calls, `(calls) => Math.floor(calls / N)`.
   */
  iterationsAfter?: (calls: number) => number;
}

/** Thrown by {@link runOptimizerTest}, naming the optimizer and the failed check. */
export class ConformanceError extends Error {
  override readonly name = 'ConformanceError';
}

function check(condition: boolean, optimizer: Optimizer, message: string): asserts condition {
  if (!condition) throw new ConformanceError(`${optimizer.className}: ${message}`);
}

const TARGET_W = [0.5, -1, 2];
const TARGET_B = [[1, 0], [-1, 2]];

/** The variables of the test problem: a vector and a matrix, away from their targets. */
function makeVariables(values?: readonly Float32Array[]): Variable[] {
  return tf.tidy(() => [
    tf.variable(tf.tensor1d(values?.[0] ?? [2, 1, -1]), true),
    tf.variable(tf.tensor2d(values?.[1] ?? [3, -2, 1, 0.5], [2, 2]), true),
  ]);
}

/** `sum((w - tw)²) + 0.5 * sum((b - tb)²)`: its gradients differ per element, its minimum is known. */
function quadratic([w, b]: Variable[]): tf.Scalar {
  return tf.tidy(() =>
    tf.add(tf.sum(tf.square(tf.sub(w!, tf.tensor1d(TARGET_W)))), tf.mul(tf.sum(tf.square(tf.sub(b!, tf.tensor2d(TARGET_B)))), 0.5)),
  ) as tf.Scalar;
}

/** One training step on the quadratic; returns the loss before the step. */
function trainStep(optimizer: Optimizer, variables: Variable[]): number {
  const { value, grads } = tf.variableGrads(() => quadratic(variables), variables);
  try {
    optimizer.applyGradients(variables.map((variable) => ({ variable, gradient: grads[variable.name]! })));
    return value.dataSync()[0]!;
  } finally {
    value.dispose();
    tf.dispose(grads);
  }
}

const read = (variables: Variable[]) => variables.map((v) => v.dataSync().slice() as Float32Array);
const sameValues = (a: Float32Array[], b: Float32Array[]) => a.length === b.length && a.every((x, i) => x.length === b[i]!.length && x.every((v, j) => Object.is(v, b[i]![j])));

type State = ReturnType<TestableOptimizer['getState']>;

/** Where two states differ (step count, learning rate, slot names or values, bit for bit), or null. */
function stateDifference(a: State, b: State): string | null {
  if (a.iterations !== b.iterations) return `iterations ${a.iterations} vs ${b.iterations}`;
  if (a.learningRate !== b.learningRate) return `learningRate ${a.learningRate} vs ${b.learningRate}`;
  if (a.slots.length !== b.slots.length) return `${a.slots.length} vs ${b.slots.length} slotted variables`;
  for (let i = 0; i < a.slots.length; i++) {
    const x = a.slots[i]!.values;
    const y = b.slots[i]!.values;
    const names = Object.keys(x);
    if (names.join() !== Object.keys(y).join()) return `variable ${i} has slots [${names}] vs [${Object.keys(y)}]`;
    for (const name of names) {
      if (!sameValues([x[name]!.dataSync() as Float32Array], [y[name]!.dataSync() as Float32Array])) return `slot '${name}' of variable ${i} differs`;
    }
  }
  return null;
}

function checkConfigRoundTrip(options: OptimizerTestOptions): void {
  const optimizer = options.create();
  try {
    const config = optimizer.getConfig();
    const json = JSON.parse(JSON.stringify(config)) as ConfigDict;
    check(JSON.stringify(json) === JSON.stringify(config), optimizer, `getConfig() is not JSON: ${JSON.stringify(config)}`);
    const copy = options.fromConfig(json);
    try {
      check(copy.className === optimizer.className, optimizer, `fromConfig gives a ${copy.className}`);
      check(JSON.stringify(copy.getConfig()) === JSON.stringify(config), optimizer, `config round trip gives ${JSON.stringify(copy.getConfig())}, expected ${JSON.stringify(config)}`);
      check(copy.learningRate === optimizer.learningRate, optimizer, `fromConfig gives learningRate ${copy.learningRate}, expected ${optimizer.learningRate}`);
    } finally {
      copy.dispose();
    }
    const scheduled = typeof config['learning_rate'] !== 'number';
    const changed = optimizer.learningRate / 4;
    const rejects = (value: number) => {
      try {
        optimizer.learningRate = value;
      } catch (error) {
        return error instanceof LayerwiseError;
      }
      return false;
    };
    if (scheduled) {
      // Keras: a learning rate given by a schedule cannot be set to a number.
      const current = optimizer.learningRate;
      check(rejects(changed) && optimizer.learningRate === current, optimizer, 'setting a number learningRate over a schedule must throw a LayerwiseError and keep the schedule');
    } else {
      optimizer.learningRate = changed;
      check(optimizer.learningRate === changed && optimizer.getConfig()['learning_rate'] === changed, optimizer, 'a learning rate set is not read back nor in getConfig()');
      check(rejects(-1) && optimizer.learningRate === changed, optimizer, 'setting learningRate = -1 must throw a LayerwiseError and keep the old value');
    }
  } finally {
    optimizer.dispose();
  }
}

function checkDescentAndMemory(options: OptimizerTestOptions): void {
  const steps = options.steps ?? 5;
  const start = tf.memory().numTensors;
  const variables = makeVariables();
  const optimizer = options.create();
  try {
    const baseline = tf.memory().numTensors;
    const initial = trainStep(optimizer, variables);
    const afterFirst = tf.memory().numTensors;
    for (let i = 1; i < steps; i++) trainStep(optimizer, variables);
    check(tf.memory().numTensors === afterFirst, optimizer, `leaks ${tf.memory().numTensors - afterFirst} tensors over ${steps - 1} steps`);
    const final = tf.tidy(() => quadratic(variables).dataSync()[0]!);
    check(final < initial, optimizer, `${steps} steps do not reduce a quadratic loss (${initial} -> ${final})`);
    const expected = (options.iterationsAfter ?? ((calls) => calls))(steps);
    check(optimizer.iterations === expected, optimizer, `iterations is ${optimizer.iterations} after ${steps} steps, expected ${expected}`);
    optimizer.dispose();
    check(tf.memory().numTensors === baseline, optimizer, `dispose() leaves ${tf.memory().numTensors - baseline} tensors`);
  } finally {
    optimizer.dispose();
    tf.dispose(variables);
  }
  check(tf.memory().numTensors === start, optimizer, `leaves ${tf.memory().numTensors - start} tensors`);
}

function checkStateRestore(options: OptimizerTestOptions): void {
  const start = tf.memory().numTensors;
  const variables = makeVariables();
  const optimizer = options.create();
  const fresh = options.create();
  const iterationsAfter = options.iterationsAfter ?? ((calls: number) => calls);
  let restored: Variable[] = [];
  let state: State | undefined;
  const finalStates: State[] = [];
  try {
    for (let i = 0; i < 3; i++) trainStep(optimizer, variables);
    state = optimizer.getState();
    const saved = read(variables);
    const next: Float32Array[][] = [];
    for (let i = 0; i < 2; i++) {
      trainStep(optimizer, variables);
      next.push(read(variables));
    }
    finalStates.push(optimizer.getState());

    // Rewind the same optimizer (the state must be a copy, not the live slots).
    variables.forEach((v, i) => {
      const value = tf.tensor(saved[i]!, v.shape);
      v.assign(value);
      value.dispose();
    });
    optimizer.setState(state);
    check(optimizer.iterations === iterationsAfter(3), optimizer, `setState restores iterations ${optimizer.iterations}, expected ${iterationsAfter(3)}`);
    for (let i = 0; i < 2; i++) {
      trainStep(optimizer, variables);
      check(sameValues(read(variables), next[i]!), optimizer, `step ${i + 1} after rewinding with setState differs from the original`);
    }
    finalStates.push(optimizer.getState());
    const rewound = stateDifference(finalStates[0]!, finalStates[1]!);
    check(rewound === null, optimizer, `the state after rewinding with setState and 2 steps differs from the original: ${rewound}`);

    // Restore into a fresh optimizer, on other variables matched by position.
    restored = makeVariables(saved);
    fresh.setState(state, restored);
    check(fresh.iterations === iterationsAfter(3), optimizer, `setState into a fresh optimizer restores iterations ${fresh.iterations}, expected ${iterationsAfter(3)}`);
    for (let i = 0; i < 2; i++) {
      trainStep(fresh, restored);
      check(sameValues(read(restored), next[i]!), optimizer, `step ${i + 1} after restoring into a fresh optimizer differs from the original`);
    }
    finalStates.push(fresh.getState());
    const moved = stateDifference(finalStates[0]!, finalStates[2]!);
    check(moved === null, optimizer, `the state after restoring into a fresh optimizer and 2 steps differs from the original: ${moved}`);
  } finally {
    if (state) disposeOptimizerState(state);
    finalStates.forEach(disposeOptimizerState);
    optimizer.dispose();
    fresh.dispose();
    tf.dispose([...variables, ...restored]);
  }
  check(tf.memory().numTensors === start, optimizer, `state save/restore leaves ${tf.memory().numTensors - start} tensors`);
}

/**
 * The conformance harness every optimizer goes through (and a user's own can): config round trip
 * through JSON and `fromConfig`, a settable and validated learning rate (or, when it is a schedule,
 * one that refuses a number), a few steps that reduce a quadratic loss computed with
 * `tf.variableGrads`, no tensor leaked by steps or after `dispose()`, and `getState`/`setState`
 * restoring training exactly (bit for bit: the variables and the whole state two steps later), both
 * into the same optimizer and into a fresh one. Throws a {@link ConformanceError} naming the
 * optimizer and the failed check.
 *
 * @example
 * ```ts
 * import { runOptimizerTest } from '@layerwise/optimizers/test';
 * runOptimizerTest({ create: () => adam({ learningRate: 0.1 }), fromConfig: (c) => Adam.fromConfig(c) });
 * ```
 */
export function runOptimizerTest(options: OptimizerTestOptions): void {
  checkConfigRoundTrip(options);
  checkDescentAndMemory(options);
  checkStateRestore(options);
}
