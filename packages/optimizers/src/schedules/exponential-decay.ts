import type { ConfigDict } from '@layerwise/core';
import { StepDecaySchedule, stepDecayOptions, type StepDecayOptions } from './step-decay.js';

/** Options of {@link ExponentialDecay}: `decayRate` is the factor applied every `decaySteps` steps. */
export type ExponentialDecayOptions = StepDecayOptions;

/**
 * Keras 3's `ExponentialDecay`: `initialLearningRate * decayRate ^ (step / decaySteps)`, the
 * exponent rounded down with `staircase`.
 *
 * @example
 * ```ts
 * // 0.1, then times 0.96 every 1000 steps.
 * const optimizer = sgd({ learningRate: new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 1000, decayRate: 0.96, staircase: true }) });
 * ```
 */
export class ExponentialDecay extends StepDecaySchedule {
  /** Keras' class name. */
  readonly className = 'ExponentialDecay';

  constructor(options: ExponentialDecayOptions) {
    super('ExponentialDecay', options);
  }

  /** Rebuilds an ExponentialDecay from its Keras config. */
  static fromConfig(config: ConfigDict): ExponentialDecay {
    return new ExponentialDecay(stepDecayOptions('ExponentialDecay', config));
  }

  protected rateAt(progress: number): number {
    return this.initialLearningRate * this.decayRate ** progress;
  }
}
