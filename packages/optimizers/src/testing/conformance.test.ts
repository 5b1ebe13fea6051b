import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigDict } from '@layerwise/core';
import { useBackend } from '@layerwise/core';
import type { BaseOptimizerOptions } from '../base-options.js';
import { BaseOptimizer } from '../base-optimizer.js';
import { ExponentialDecay } from '../schedules/exponential-decay.js';
import type { OptimizerState } from '../state.js';
import { ConformanceError, runOptimizerTest } from './conformance.js';

/** Momentum descent, correct unless a flaw is switched on. */
class Subject extends BaseOptimizer {
  /** The tensors the 'leak' flaw kept, for the test to free. */
  static leaked: Tensor[] = [];

  constructor(
    readonly flaw: 'none' | 'config' | 'ascend' | 'leak' | 'state' | 'stall' | 'ema' = 'none',
    learningRate: BaseOptimizerOptions['learningRate'] = 0.1,
    options: BaseOptimizerOptions = {},
  ) {
    super('Subject', { ...options, learningRate, ...(flaw === 'ema' ? { useEma: true } : {}) }, { learningRate: 0.1, name: 'subject' });
  }
  protected slotNames(): readonly string[] {
    return ['momentum'];
  }
  protected updateStep(gradient: Tensor, variable: Variable, learningRate: number): void {
    const m = this.getSlot(variable, 'momentum');
    const newM = tf.sub(tf.mul(m, 0.5), tf.mul(gradient, this.flaw === 'ascend' ? -learningRate : learningRate));
    if (this.flaw === 'leak') Subject.leaked.push(tf.keep(tf.clone(newM)));
    m.assign(newM);
    if (this.flaw !== 'stall') variable.assign(tf.add(variable, newM));
  }
  override setState(state: OptimizerState, variables?: readonly Variable[]): void {
    if (this.flaw !== 'ema') return super.setState(state, variables);
    // Restores everything but the moving averages, which restart from zero: the weights still
    // follow, only the state two steps later shows it.
    const zeros = state.slots.map((s) => tf.zerosLike(s.values['average']!));
    super.setState({ ...state, slots: state.slots.map((s, i) => ({ ...s, values: { ...s.values, average: zeros[i]! } })) }, variables);
    tf.dispose(zeros);
  }
  override getState(): OptimizerState {
    if (this.flaw !== 'state') return super.getState();
    // Shares the live slots instead of copying them: a later step changes the "saved" state.
    const { iterations, slots } = super.getState();
    const live = (this as unknown as { slotsByVariable: Map<Variable, Map<string, Variable>> }).slotsByVariable;
    slots.forEach((entry) => tf.dispose(Object.values(entry.values)));
    return { iterations, slots: [...live].map(([v, s]) => ({ variableName: v.name, values: Object.fromEntries(s) })) };
  }
}

describe('runOptimizerTest', () => {
  beforeAll(() => useBackend('cpu'));
  let before = 0;
  beforeEach(() => {
    before = tf.memory().numTensors;
  });
  afterEach(() => {
    expect(tf.memory().numTensors).toBe(before);
  });

  // The 'config' flaw: fromConfig loses the learning rate.
  const run = (flaw: Subject['flaw']) => () =>
    runOptimizerTest({
      create: () => new Subject(flaw, 0.2),
      fromConfig: (config) => new Subject(flaw, flaw === 'config' ? undefined : (config['learning_rate'] as number)),
    });

  it('passes a correct optimizer', () => {
    expect(run('none')).not.toThrow();
  });

  it.each([
    ['config', /Subject: config round trip gives/],
    ['ascend', /Subject: 5 steps do not reduce a quadratic loss/],
    ['stall', /Subject: 5 steps do not reduce a quadratic loss/],
    ['state', /Subject: step 1 after rewinding with setState differs from the original/],
    ['ema', /Subject: the state after rewinding with setState and 2 steps differs from the original: slot 'average' of variable 0 differs/],
  ] as const)('fails an optimizer with a %s flaw', (flaw, message) => {
    expect(run(flaw)).toThrow(ConformanceError);
    expect(run(flaw)).toThrow(message);
  });

  it('fails an optimizer that leaks a tensor per step', () => {
    expect(run('leak')).toThrow(/Subject: leaks 8 tensors over 4 steps/); // one per variable per step
    tf.dispose(Subject.leaked.splice(0));
  });

  it('passes a schedule-driven optimizer, requiring that it refuse a number learning rate', () => {
    const schedule = () => new ExponentialDecay({ initialLearningRate: 0.2, decaySteps: 2, decayRate: 0.5 });
    expect(() => runOptimizerTest({ create: () => new Subject('none', schedule()), fromConfig: () => new Subject('none', schedule()) })).not.toThrow();
  });

  it('counts iterations as iterationsAfter says, for gradient accumulation', () => {
    const options = { gradientAccumulationSteps: 2 };
    const make = () => new Subject('none', 0.2, options);
    expect(() => runOptimizerTest({ create: make, fromConfig: make })).toThrow(/Subject: iterations is 2 after 5 steps, expected 5/);
    expect(() => runOptimizerTest({ create: make, fromConfig: make, iterationsAfter: (calls) => Math.floor(calls / 2) })).not.toThrow();
  });
});
