import { describe, expect, it } from 'vitest';
import { LayerwiseError } from '@layerwise/core';
import { CosineDecay } from './cosine-decay.js';
import { CosineDecayRestarts } from './cosine-decay-restarts.js';
import { ExponentialDecay } from './exponential-decay.js';
import { InverseTimeDecay } from './inverse-time-decay.js';
import type { LearningRateSchedule } from './learning-rate-schedule.js';
import { PiecewiseConstantDecay } from './piecewise-constant-decay.js';
import { PolynomialDecay } from './polynomial-decay.js';
import { deserializeLearningRateSchedule, knownLearningRateSchedules, serializeLearningRateSchedule } from './serialization.js';

const at = (schedule: LearningRateSchedule, steps: number[]) => steps.map((s) => schedule.call(s));

describe('learning rate schedules', () => {
  it('ExponentialDecay: initial * rate^(step / decaySteps), floored with staircase', () => {
    const smooth = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 });
    expect(at(smooth, [0, 10, 20])).toEqual([0.1, 0.05, 0.025]);
    expect(smooth.call(5)).toBeCloseTo(0.1 * Math.SQRT1_2, 15);
    const stairs = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true });
    expect(at(stairs, [0, 9, 10, 19, 20])).toEqual([0.1, 0.1, 0.05, 0.05, 0.025]);
  });

  it('PiecewiseConstantDecay: values[i] up to and including boundaries[i]', () => {
    const schedule = new PiecewiseConstantDecay({ boundaries: [100, 110], values: [1, 0.5, 0.1] });
    expect(at(schedule, [0, 100, 101, 110, 111, 1e6])).toEqual([1, 1, 0.5, 0.5, 0.1, 0.1]);
  });

  it('InverseTimeDecay: initial / (1 + rate * step / decaySteps), floored with staircase', () => {
    expect(at(new InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 }), [0, 1, 2])).toEqual([0.1, 0.1 / 1.5, 0.05]);
    expect(at(new InverseTimeDecay({ initialLearningRate: 1, decaySteps: 2, decayRate: 1, staircase: true }), [0, 1, 2, 3, 4])).toEqual([1, 1, 0.5, 0.5, 1 / 3]);
  });

  it('PolynomialDecay: reaches endLearningRate after decaySteps, or restarts each cycle', () => {
    const linear = new PolynomialDecay({ initialLearningRate: 1, decaySteps: 4, endLearningRate: 0 });
    expect(at(linear, [0, 1, 4, 8])).toEqual([1, 0.75, 0, 0]);
    const square = new PolynomialDecay({ initialLearningRate: 1.1, decaySteps: 2, endLearningRate: 0.1, power: 2 });
    expect(square.call(1)).toBeCloseTo(0.35, 15);
    const cycle = new PolynomialDecay({ initialLearningRate: 1, decaySteps: 4, endLearningRate: 0, cycle: true });
    // Step 5 lies in the second cycle, decaying over 8 steps: 1 - 5/8.
    expect(at(cycle, [0, 4, 5, 8])).toEqual([1, 0, 0.375, 0]);
    expect(linear.endLearningRate === 0 && new PolynomialDecay({ initialLearningRate: 1, decaySteps: 1 }).endLearningRate).toBe(0.0001);
  });

  it('CosineDecay: half a cosine down to alpha * initial, after an optional linear warmup', () => {
    const plain = new CosineDecay({ initialLearningRate: 1, decaySteps: 10, alpha: 0.2 });
    expect(at(plain, [0, 10, 20])).toEqual([1, 0.2, 0.2]);
    expect(plain.call(5)).toBeCloseTo(0.6, 15);
    const warm = new CosineDecay({ initialLearningRate: 0, decaySteps: 10, warmupTarget: 1, warmupSteps: 4 });
    expect(at(warm, [0, 1, 2, 4, 14, 100])).toEqual([0, 0.25, 0.5, 1, 0, 0]);
    expect(warm.call(9)).toBeCloseTo(0.5, 15);
  });

  it('CosineDecayRestarts: periods growing by tMul, restarting from mMul^i * initial', () => {
    const schedule = new CosineDecayRestarts({ initialLearningRate: 1, firstDecaySteps: 2, tMul: 2, mMul: 0.5 });
    // Periods start at steps 0, 2, 6, 14.
    expect(at(schedule, [0, 2, 6, 14])).toEqual([1, 0.5, 0.25, 0.125]);
    expect(schedule.call(1)).toBeCloseTo(0.5, 15);
    expect(schedule.call(4)).toBeCloseTo(0.25, 15);
    const constant = new CosineDecayRestarts({ initialLearningRate: 1, firstDecaySteps: 4, tMul: 1, alpha: 0.5 });
    expect(at(constant, [0, 4, 8])).toEqual([1, 1, 1]);
    expect(constant.call(2)).toBeCloseTo(0.75, 15);
  });

  it('CosineDecayRestarts restarts on the first step of a period even where the logarithms round below it', () => {
    // log(1 + 111 * 9) / log(10) is 2.9999999999999996 in double precision: the naive formula puts
    // step 111 at the very end of period 2 (rate about 0) instead of the start of period 3.
    expect(Math.floor(Math.log(1 + 111 * 9) / Math.log(10))).toBe(2);
    const schedule = new CosineDecayRestarts({ initialLearningRate: 1, firstDecaySteps: 1, tMul: 10 });
    expect(schedule.call(111)).toBe(1);
    expect(schedule.call(110)).toBeCloseTo(0.5 * (1 + Math.cos((Math.PI * 99) / 100)), 12);
  });

  it('round-trips through getConfig, fromConfig and Keras serialisation', () => {
    const schedules: LearningRateSchedule[] = [
      new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 3, decayRate: 0.9, staircase: true, name: null }),
      new PiecewiseConstantDecay({ boundaries: [2, 5], values: [0.3, 0.2, 0.1], name: 'steps' }),
      new PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 9, power: 3, cycle: true }),
      new InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 2, decayRate: 1 }),
      new CosineDecay({ initialLearningRate: 0.01, decaySteps: 9, alpha: 0.1, warmupTarget: 0.1, warmupSteps: 3 }),
      new CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 5, tMul: 1.5, mMul: 0.9, alpha: 0.01 }),
    ];
    expect(schedules.map((s) => s.className)).toEqual(knownLearningRateSchedules);
    for (const schedule of schedules) {
      const serialized = JSON.parse(JSON.stringify(serializeLearningRateSchedule(schedule)));
      expect(serialized).toMatchObject({ module: 'keras.optimizers.schedules', class_name: schedule.className, registered_name: null });
      const copy = deserializeLearningRateSchedule(serialized);
      expect(copy.constructor).toBe(schedule.constructor);
      expect(copy.getConfig()).toEqual(schedule.getConfig());
      expect(at(copy, [0, 1, 7, 30])).toEqual(at(schedule, [0, 1, 7, 30]));
    }
    expect(new CosineDecay({ initialLearningRate: 1, decaySteps: 2 }).getConfig()).toEqual({
      initial_learning_rate: 1,
      decay_steps: 2,
      alpha: 0,
      name: 'CosineDecay',
      warmup_target: null,
      warmup_steps: 0,
    });
    expect(new CosineDecayRestarts({ initialLearningRate: 1, firstDecaySteps: 2 }).getConfig()).toEqual({
      initial_learning_rate: 1,
      first_decay_steps: 2,
      t_mul: 2,
      m_mul: 1,
      alpha: 0,
      name: 'SGDRDecay',
    });
  });

  it.each([
    [() => new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.5 }), 'ExponentialDecay: received an invalid value for `decaySteps`, expected a number in (0, inf). Received: decaySteps=0'],
    [() => new ExponentialDecay({ initialLearningRate: -1, decaySteps: 1, decayRate: 0.5 }), /`initialLearningRate`, expected a number in \[0, inf\)\. Received: initialLearningRate=-1/],
    [() => new ExponentialDecay({ initialLearningRate: 1, decaySteps: 1 } as never), /`decayRate`.*Received: decayRate=undefined/],
    [() => new ExponentialDecay({ initialLearningRate: 1, decaySteps: 1, decayRate: 0.5, stairCase: true } as never), /ExponentialDecay: unknown option `stairCase`/],
    [() => new PiecewiseConstantDecay({ boundaries: [5, 2], values: [1, 2, 3] }), /PiecewiseConstantDecay: received an invalid value for `boundaries`, expected a non-empty array of strictly increasing integers/],
    [() => new PiecewiseConstantDecay({ boundaries: [], values: [1] }), /`boundaries`/],
    [() => new PiecewiseConstantDecay({ boundaries: [1, 2], values: [1, 2] }), 'PiecewiseConstantDecay: `values` must have one more element than `boundaries`. Received: boundaries=[1,2] of length 2, values=[1,2]'],
    [() => new PiecewiseConstantDecay({ boundaries: [1], values: [1, -2] }), /`values\[1\]`, expected a number in \[0, inf\)/],
    [() => new InverseTimeDecay({ initialLearningRate: 1, decaySteps: 1, decayRate: 1, staircase: 1 as never }), /`staircase`, expected a boolean/],
    [() => new PolynomialDecay({ initialLearningRate: 1, decaySteps: -3 }), /PolynomialDecay: .*`decaySteps`/],
    [() => new PolynomialDecay({ initialLearningRate: 1, decaySteps: 3, power: -1 }), /`power`/],
    [() => new CosineDecay({ initialLearningRate: 1, decaySteps: 3, warmupSteps: -1 }), /CosineDecay: .*`warmupSteps`/],
    [() => new CosineDecay({ initialLearningRate: 1, decaySteps: 3, name: '' }), /`name`, expected a non-empty string or null/],
    [() => new CosineDecayRestarts({ initialLearningRate: 1, firstDecaySteps: 3, tMul: 0 }), /CosineDecayRestarts: received an invalid value for `tMul`, expected a number in \(0, inf\)/],
    [() => deserializeLearningRateSchedule({ class_name: 'ExponentialDecay', config: [] as never }), 'deserializeLearningRateSchedule: the config of ExponentialDecay must be an object. Received: config=[]'],
    [() => deserializeLearningRateSchedule({ className: 'ExponentialDecay' }), /deserializeLearningRateSchedule: expected \{ class_name, config \}/],
    [() => deserializeLearningRateSchedule({ class_name: 'toString', config: {} }), /unknown learning rate schedule 'toString'/],
    [() => ExponentialDecay.fromConfig({ initial_learning_rate: 1, decay_steps: 1, decay_rate: 1, decay: 2 }), /ExponentialDecay\.fromConfig: unknown config key `decay`/],
  ])('rejects bad arguments (%#)', (make, message) => {
    expect(make).toThrow(LayerwiseError);
    expect(make).toThrow(message);
  });
});
