import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LayerwiseError, useBackend } from '@layerwise/core';
import { Adam, adam } from './adam.js';
import { BaseOptimizer } from './base-optimizer.js';
import { sgd } from './sgd.js';
import { disposeOptimizerState } from './state.js';

/** Plain descent with a slot that counts the updates each variable received. */
class CountingDescent extends BaseOptimizer {
  constructor(learningRate = 0.5) {
    super('CountingDescent', { learningRate }, { learningRate: 0.1, name: 'counting' });
  }
  protected slotNames(): readonly string[] {
    return ['count'];
  }
  protected updateStep(gradient: Tensor, variable: Variable, learningRate: number): void {
    const count = this.getSlot(variable, 'count');
    count.assign(tf.add(count, 1));
    variable.assign(tf.sub(variable, tf.mul(gradient, learningRate)));
  }
}

const variable = (values: number[], shape = [values.length]) => tf.tidy(() => tf.variable(tf.tensor(values, shape)));

describe('BaseOptimizer', () => {
  beforeAll(() => useBackend('cpu'));
  let before = 0;
  beforeEach(() => {
    before = tf.memory().numTensors;
  });
  afterEach(() => {
    expect(tf.memory().numTensors).toBe(before);
  });

  it('builds slots lazily, per variable, including variables first seen later', () => {
    const a = variable([1, 2]);
    const b = variable([3]);
    const g2 = tf.ones([2]);
    const g1 = tf.ones([1]);
    const optimizer = new CountingDescent();
    expect(optimizer.getState().slots).toEqual([]);
    optimizer.applyGradients([{ variable: a, gradient: g2 }]);
    optimizer.applyGradients([{ variable: a, gradient: g2 }, { variable: b, gradient: g1 }]);
    expect(optimizer.iterations).toBe(2);
    expect(Array.from(a.dataSync())).toEqual([0, 1]);
    expect(Array.from(b.dataSync())).toEqual([2.5]);
    const state = optimizer.getState();
    expect(state.iterations).toBe(2);
    expect(state.slots.map((s) => [s.variableName, Array.from(s.values['count']!.dataSync())])).toEqual([
      [a.name, [2, 2]],
      [b.name, [1]],
    ]);
    expect(g2.isDisposed || g1.isDisposed).toBe(false); // gradients stay the caller's
    disposeOptimizerState(state);
    optimizer.dispose();
    tf.dispose([a, b, g1, g2]);
  });

  it('runs each update inside tf.tidy and leaks nothing per step', () => {
    const w = variable([1, 2, 3]);
    const g = tf.tensor1d([0.1, 0.2, 0.3]);
    const optimizer = adam({ amsgrad: true });
    optimizer.applyGradients([{ variable: w, gradient: g }]);
    const afterFirst = tf.memory().numTensors;
    expect(afterFirst - before).toBe(2 + 3); // w, g and three slots
    for (let i = 0; i < 4; i++) optimizer.applyGradients([{ variable: w, gradient: g }]);
    expect(tf.memory().numTensors).toBe(afterFirst);
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose([w, g]);
  });

  it('casts an int32 gradient to the variable dtype', () => {
    const w = variable([1, 1]);
    const g = tf.tensor1d([1, 2], 'int32');
    const optimizer = sgd({ learningRate: 0.5 });
    optimizer.applyGradients([{ variable: w, gradient: g }]);
    expect(Array.from(w.dataSync())).toEqual([0.5, 0]);
    optimizer.dispose();
    tf.dispose([w, g]);
  });

  it('treats an empty list as a no-op', () => {
    const optimizer = sgd();
    optimizer.applyGradients([]);
    expect(optimizer.iterations).toBe(0);
  });

  it('applies a learning rate set between steps, and validates it', () => {
    const w = variable([0]);
    const g = tf.ones([1]);
    const optimizer = sgd({ learningRate: 0.1 });
    optimizer.applyGradients([{ variable: w, gradient: g }]);
    optimizer.learningRate = 0.5;
    optimizer.applyGradients([{ variable: w, gradient: g }]);
    expect(w.dataSync()[0]).toBeCloseTo(-0.6, 6);
    expect(() => {
      optimizer.learningRate = -1;
    }).toThrow('SGD: received an invalid value for `learningRate`, expected a number in (0, inf). Received: learningRate=-1');
    expect(() => {
      optimizer.learningRate = Number.POSITIVE_INFINITY;
    }).toThrow(LayerwiseError);
    expect(optimizer.learningRate).toBe(0.5);
    expect(optimizer.getConfig()['learning_rate']).toBe(0.5);
    optimizer.dispose();
    tf.dispose([w, g]);
  });

  it('rejects bad gradient pairs before changing anything', () => {
    const w = variable([1, 2]);
    const other = variable([1, 2, 3]);
    const ints = tf.tidy(() => tf.variable(tf.zeros([2], 'int32')));
    const g = tf.ones([2]);
    const wrong = tf.ones([3]);
    const gone = tf.ones([2]);
    gone.dispose();
    const optimizer = new CountingDescent();
    const cases: [unknown, RegExp][] = [
      ['nope', /CountingDescent\.applyGradients: received an invalid value for `pairs`/],
      [[{ variable: g, gradient: g }], /CountingDescent\.applyGradients: received an invalid value for `variable`, expected a tf\.Variable/],
      [[{ variable: w, gradient: wrong }], new RegExp(`the gradient of variable '${w.name}' has shape \\(3,\\), the variable \\(2,\\)`)],
      [[{ variable: w, gradient: gone }], /must be a live tensor, received a disposed tensor/],
      [[{ variable: w, gradient: [1, 2] }], /must be a live tensor, received object/],
      [[{ variable: w, gradient: g }, { variable: w, gradient: g }], new RegExp(`variable '${w.name}' appears twice`)],
      [[{ variable: ints, gradient: g }], /has dtype int32; optimizers update float32 variables only/],
      [[{ variable: w, gradient: g }, { variable: other, gradient: g }], /has shape \(2,\), the variable \(3,\)/],
    ];
    for (const [pairs, message] of cases) {
      expect(() => optimizer.applyGradients(pairs as never)).toThrow(message);
    }
    expect(optimizer.iterations).toBe(0);
    expect(optimizer.getState().slots).toEqual([]);
    expect(Array.from(w.dataSync())).toEqual([1, 2]);
    tf.dispose([w, other, ints, g, wrong]);
  });

  it('getState returns copies: later steps do not change them', () => {
    const w = variable([1, 2]);
    const g = tf.ones([2]);
    const optimizer = new CountingDescent();
    optimizer.applyGradients([{ variable: w, gradient: g }]);
    const state = optimizer.getState();
    optimizer.applyGradients([{ variable: w, gradient: g }]);
    expect(Array.from(state.slots[0]!.values['count']!.dataSync())).toEqual([1, 1]);
    disposeOptimizerState(state);
    optimizer.dispose();
    tf.dispose([w, g]);
  });

  it('setState copies the values: the caller may dispose the state afterwards', () => {
    const w = variable([1, 2]);
    const g = tf.ones([2]);
    const optimizer = new CountingDescent();
    optimizer.applyGradients([{ variable: w, gradient: g }]);
    const state = { iterations: 7, slots: [{ variableName: w.name, values: { count: tf.tensor1d([5, 6]) } }] };
    optimizer.setState(state);
    disposeOptimizerState(state);
    expect(optimizer.iterations).toBe(7);
    optimizer.applyGradients([{ variable: w, gradient: g }]);
    const after = optimizer.getState();
    expect(Array.from(after.slots[0]!.values['count']!.dataSync())).toEqual([6, 7]);
    disposeOptimizerState(after);
    optimizer.dispose();
    tf.dispose([w, g]);
  });

  it('setState rejects a state that does not fit, changing nothing', () => {
    const w = variable([1, 2]);
    const v = variable([3]);
    const g = tf.ones([2]);
    const optimizer = new CountingDescent();
    optimizer.applyGradients([{ variable: w, gradient: g }]);
    const good = optimizer.getState();
    const count = (values: number[]) => ({ count: tf.tensor1d(values) });
    const bad: [unknown, Variable[] | undefined, RegExp][] = [
      [null, undefined, /CountingDescent\.setState: received an invalid value for `state`/],
      [{ iterations: -1, slots: good.slots }, undefined, /`state\.iterations`, expected an integer of at least 0/],
      [{ iterations: 1, slots: [{ variableName: 'nope', values: good.slots[0]!.values }] }, undefined, /no slots for variable 'nope'; pass the variables/],
      [{ iterations: 1, slots: [{ variableName: w.name, values: count([1, 2, 3]) }] }, undefined, /slot 'count' of variable '.*' must be a float32 tensor of shape \(2,\), received float32 \(3,\)/],
      [{ iterations: 1, slots: [{ variableName: w.name, values: { momentum: tf.zeros([2]) } }] }, undefined, /has slots \[count\], the state \[momentum\]/],
      [{ iterations: 1, slots: [] }, undefined, /the state holds slots for 0 variables, this optimizer would have slots for 1/],
      [good, [w, v], /the state holds slots for 1 variables, received 2 variables/],
    ];
    for (const [state, variables, message] of bad) {
      expect(() => optimizer.setState(state as never, variables)).toThrow(message);
      if (state && typeof state === 'object') disposeOptimizerState(state as never);
    }
    // By position onto a variable without slots: it would leave the old variable's slots uncovered.
    const other = { iterations: 1, slots: [{ variableName: 'x', values: count([0]) }] };
    expect(() => optimizer.setState(other, [v])).toThrow(/the state holds slots for 1 variables, this optimizer would have slots for 2/);
    disposeOptimizerState(other);
    expect(optimizer.iterations).toBe(1);
    const unchanged = optimizer.getState();
    expect(unchanged.slots.map((s) => [s.variableName, Array.from(s.values['count']!.dataSync())])).toEqual([[w.name, [1, 1]]]);
    disposeOptimizerState(unchanged);
    disposeOptimizerState(good);
    optimizer.dispose();
    tf.dispose([w, v, g]);
  });

  it('dispose frees the slots and resets: the optimizer can be used again from scratch', () => {
    const w = variable([0]);
    const g = tf.ones([1]);
    const first = adam({ learningRate: 0.1 });
    first.applyGradients([{ variable: w, gradient: g }]);
    first.applyGradients([{ variable: w, gradient: g }]);
    first.dispose();
    expect(first.iterations).toBe(0);
    expect(first.getState().slots).toEqual([]);
    const afterReuse = tf.tidy(() => tf.variable(tf.zeros([1])));
    first.applyGradients([{ variable: afterReuse, gradient: g }]);
    const fresh = new Adam({ learningRate: 0.1 });
    const reference = tf.tidy(() => tf.variable(tf.zeros([1])));
    fresh.applyGradients([{ variable: reference, gradient: g }]);
    expect(afterReuse.dataSync()[0]).toBe(reference.dataSync()[0]);
    first.dispose();
    fresh.dispose();
    first.dispose(); // twice is fine
    tf.dispose([w, g, afterReuse, reference]);
  });
});
