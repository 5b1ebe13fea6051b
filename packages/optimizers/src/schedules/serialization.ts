import type { ConfigDict } from '@layerwise/core';
import { LayerwiseError, describeValue } from '@layerwise/core';
import { CosineDecay } from './cosine-decay.js';
import { CosineDecayRestarts } from './cosine-decay-restarts.js';
import { ExponentialDecay } from './exponential-decay.js';
import { InverseTimeDecay } from './inverse-time-decay.js';
import type { LearningRateSchedule } from './learning-rate-schedule.js';
import { PiecewiseConstantDecay } from './piecewise-constant-decay.js';
import { PolynomialDecay } from './polynomial-decay.js';

/** Rebuilds a schedule from its Keras config (a class' `fromConfig`). */
export type LearningRateScheduleFromConfig = (config: ConfigDict) => LearningRateSchedule;

/** Your own schedule classes, by class name, for deserialisation (Keras' `custom_objects`). */
export type CustomSchedules = Readonly<Record<string, LearningRateScheduleFromConfig>>;

const BUILT_IN: Readonly<Record<string, LearningRateScheduleFromConfig>> = {
  ExponentialDecay: (config) => ExponentialDecay.fromConfig(config),
  PiecewiseConstantDecay: (config) => PiecewiseConstantDecay.fromConfig(config),
  PolynomialDecay: (config) => PolynomialDecay.fromConfig(config),
  InverseTimeDecay: (config) => InverseTimeDecay.fromConfig(config),
  CosineDecay: (config) => CosineDecay.fromConfig(config),
  CosineDecayRestarts: (config) => CosineDecayRestarts.fromConfig(config),
};

/** The Keras class names of the built-in schedules `deserializeLearningRateSchedule` knows. */
export const knownLearningRateSchedules: readonly string[] = Object.keys(BUILT_IN);

const KERAS_MODULE = 'keras.optimizers.schedules';

const isConfigDict = (value: unknown): value is ConfigDict => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A schedule as Keras 3 serialises it inside an optimizer config:
 * `{ module: 'keras.optimizers.schedules', class_name, config, registered_name: null }` for the
 * built-in ones; your own get `module: null` and their class name as `registered_name`.
 *
 * @example
 * ```ts
 * serializeLearningRateSchedule(new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 }));
 * // { module: 'keras.optimizers.schedules', class_name: 'ExponentialDecay', config: { initial_learning_rate: 0.1, ... }, registered_name: null }
 * ```
 */
export function serializeLearningRateSchedule(schedule: LearningRateSchedule): ConfigDict {
  const builtIn = Object.hasOwn(BUILT_IN, schedule.className);
  return {
    module: builtIn ? KERAS_MODULE : null,
    class_name: schedule.className,
    config: schedule.getConfig(),
    registered_name: builtIn ? null : schedule.className,
  };
}

/**
 * Rebuilds a schedule from `{ class_name, config }` (Keras 3's serialised form; `module` and
 * `registered_name` are ignored). `customSchedules` maps your own class names to their
 * `fromConfig`; they take precedence over the built-in ones. An unknown class name is an error
 * listing the known ones.
 *
 * @example
 * ```ts
 * const schedule = deserializeLearningRateSchedule({ class_name: 'CosineDecay', config: { initial_learning_rate: 0.1, decay_steps: 1000 } });
 * ```
 */
export function deserializeLearningRateSchedule(serialized: ConfigDict, customSchedules: CustomSchedules = {}): LearningRateSchedule {
  const owner = 'deserializeLearningRateSchedule';
  if (!isConfigDict(serialized) || typeof serialized['class_name'] !== 'string') {
    throw new LayerwiseError(`${owner}: expected { class_name, config }. Received: ${describeValue(serialized)}`);
  }
  const className = serialized['class_name'];
  const config = serialized['config'] ?? {};
  if (!isConfigDict(config)) {
    throw new LayerwiseError(`${owner}: the config of ${className} must be an object. Received: config=${describeValue(config)}`);
  }
  const make = (Object.hasOwn(customSchedules, className) ? customSchedules[className] : undefined) ?? (Object.hasOwn(BUILT_IN, className) ? BUILT_IN[className] : undefined);
  if (make === undefined) {
    const known = [...knownLearningRateSchedules, ...Object.keys(customSchedules)];
    throw new LayerwiseError(`${owner}: unknown learning rate schedule ${describeValue(className)}. Known schedules: ${known.join(', ')}`);
  }
  return make(config);
}
