import type { ConfigValue } from '@layerwise/core';
import { LayerwiseError, checkNumber, describeValue, invalidArgument } from '@layerwise/core';
import { LearningRateSchedule } from './schedules/learning-rate-schedule.js';
import { serializeLearningRateSchedule } from './schedules/serialization.js';

/** An optimizer's learning rate: a fixed (but settable) number, or a schedule of the step count. */
export type LearningRate = number | LearningRateSchedule;

/** Throws unless `value` is a learning rate: a number greater than 0 or a {@link LearningRateSchedule}. */
export function checkLearningRate(owner: string, value: unknown): LearningRate {
  if (value instanceof LearningRateSchedule) return value;
  if (typeof value === 'number') return checkNumber(owner, 'learningRate', value, { min: 0, minExclusive: true });
  throw invalidArgument({ owner, argument: 'learningRate', expected: 'a number in (0, inf) or a LearningRateSchedule', received: value });
}

/** The rate of `learningRate` at `step`; a schedule must give a finite number of at least 0. */
export function learningRateAt(owner: string, learningRate: LearningRate, step: number): number {
  if (typeof learningRate === 'number') return learningRate;
  const value = learningRate.call(step);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new LayerwiseError(`${owner}: the learning rate schedule ${learningRate.className} gave ${describeValue(value)} at step ${step}, expected a finite number of at least 0`);
  }
  return value;
}

/** The learning rate in a Keras config: the number, or the serialised schedule. */
export function learningRateConfig(learningRate: LearningRate): ConfigValue {
  return typeof learningRate === 'number' ? learningRate : serializeLearningRateSchedule(learningRate);
}
