import { LayerwiseError, checkInteger, checkNumber, describeValue } from '@layerwise/core';
import type { LearningRateSchedule } from './schedules/learning-rate-schedule.js';
import { checkBoolean } from './validation.js';

/** Options every optimizer takes, as Keras 3's base optimizer arguments. */
export interface BaseOptimizerOptions {
  /**
   * The step size: a number greater than 0, settable later through `optimizer.learningRate`, or a
   * {@link LearningRateSchedule} of the step count.
   */
  learningRate?: number | LearningRateSchedule;
  /** The optimizer's name, as written in its config (Keras: `'SGD'`, `'rmsprop'`, `'adam'`). */
  name?: string;
  /**
   * Decoupled weight decay, at least 0: before each update, `w -= w * weightDecay * learningRate`.
   * Null or absent for none (AdamW: 0.004).
   */
  weightDecay?: number | null;
  /** Clips each gradient to this L2 norm, greater than 0. At most one of the three clipping options. */
  clipnorm?: number | null;
  /** Clips each gradient element to `[-clipvalue, clipvalue]`, greater than 0. */
  clipvalue?: number | null;
  /** Scales all gradients together so that their global L2 norm is at most this, greater than 0. */
  globalClipnorm?: number | null;
  /** Whether to keep an exponential moving average (EMA) of the weights. Default false. */
  useEma?: boolean;
  /** The EMA's momentum, in `[0, 1]`: `average = emaMomentum * average + (1 - emaMomentum) * w`. Default 0.99. */
  emaMomentum?: number;
  /**
   * With `useEma`, overwrite the weights with their average every this many iterations (an integer
   * of at least 1); null (the default) to overwrite only when you call `finalizeVariableValues()`.
   */
  emaOverwriteFrequency?: number | null;
  /**
   * Accumulate the gradients of this many `applyGradients` calls (an integer of at least 2) and
   * apply their mean once; null (the default) to apply every call.
   */
  gradientAccumulationSteps?: number | null;
}

/** Option names every optimizer accepts, for the subclasses' unknown-option check. */
export const BASE_OPTION_NAMES = [
  'learningRate',
  'name',
  'weightDecay',
  'clipnorm',
  'clipvalue',
  'globalClipnorm',
  'useEma',
  'emaMomentum',
  'emaOverwriteFrequency',
  'gradientAccumulationSteps',
] as const;

/** Keras' base optimizer config keys with their option names, for the subclasses' `fromConfig`. */
export const BASE_CONFIG_KEYS: Readonly<Record<string, string>> = {
  name: 'name',
  learning_rate: 'learningRate',
  weight_decay: 'weightDecay',
  clipnorm: 'clipnorm',
  global_clipnorm: 'globalClipnorm',
  clipvalue: 'clipvalue',
  use_ema: 'useEma',
  ema_momentum: 'emaMomentum',
  ema_overwrite_frequency: 'emaOverwriteFrequency',
  gradient_accumulation_steps: 'gradientAccumulationSteps',
};

/** The validated base settings (everything but the learning rate and name), null meaning off. */
export interface BaseSettings {
  /** See {@link BaseOptimizerOptions.weightDecay}. */
  readonly weightDecay: number | null;
  /** See {@link BaseOptimizerOptions.clipnorm}. */
  readonly clipnorm: number | null;
  /** See {@link BaseOptimizerOptions.clipvalue}. */
  readonly clipvalue: number | null;
  /** See {@link BaseOptimizerOptions.globalClipnorm}. */
  readonly globalClipnorm: number | null;
  /** See {@link BaseOptimizerOptions.useEma}. */
  readonly useEma: boolean;
  /** See {@link BaseOptimizerOptions.emaMomentum}. */
  readonly emaMomentum: number;
  /** See {@link BaseOptimizerOptions.emaOverwriteFrequency}. */
  readonly emaOverwriteFrequency: number | null;
  /** See {@link BaseOptimizerOptions.gradientAccumulationSteps}. */
  readonly gradientAccumulationSteps: number | null;
}

const positiveOrNull = (owner: string, argument: string, value: unknown): number | null =>
  value == null ? null : checkNumber(owner, argument, value, { min: 0, minExclusive: true });

/**
 * Validates the base options (absent and null mean off), as Keras' base optimizer does: at most
 * one of `clipnorm`, `clipvalue`, `globalClipnorm`; `gradientAccumulationSteps` of at least 2.
 * `defaultWeightDecay` is the subclass' default (AdamW's 0.004).
 */
export function checkBaseSettings(owner: string, options: BaseOptimizerOptions, defaultWeightDecay: number | null = null): BaseSettings {
  const weightDecayOption = options.weightDecay === undefined ? defaultWeightDecay : options.weightDecay;
  const weightDecay = weightDecayOption === null ? null : checkNumber(owner, 'weightDecay', weightDecayOption, { min: 0 });
  const clipnorm = positiveOrNull(owner, 'clipnorm', options.clipnorm);
  const clipvalue = positiveOrNull(owner, 'clipvalue', options.clipvalue);
  const globalClipnorm = positiveOrNull(owner, 'globalClipnorm', options.globalClipnorm);
  if ([clipnorm, clipvalue, globalClipnorm].filter((v) => v !== null).length > 1) {
    throw new LayerwiseError(
      `${owner}: only one of \`clipnorm\`, \`clipvalue\` and \`globalClipnorm\` can be set. ` +
        `Received: clipnorm=${describeValue(clipnorm)}, clipvalue=${describeValue(clipvalue)}, globalClipnorm=${describeValue(globalClipnorm)}`,
    );
  }
  const useEma = checkBoolean(owner, 'useEma', options.useEma ?? false);
  const emaMomentum = checkNumber(owner, 'emaMomentum', options.emaMomentum ?? 0.99, { min: 0, max: 1 });
  const frequency = options.emaOverwriteFrequency;
  const emaOverwriteFrequency = frequency == null ? null : checkInteger(owner, 'emaOverwriteFrequency', frequency, 1);
  const steps = options.gradientAccumulationSteps;
  const gradientAccumulationSteps = steps == null ? null : checkInteger(owner, 'gradientAccumulationSteps', steps, 2);
  return { weightDecay, clipnorm, clipvalue, globalClipnorm, useEma, emaMomentum, emaOverwriteFrequency, gradientAccumulationSteps };
}
