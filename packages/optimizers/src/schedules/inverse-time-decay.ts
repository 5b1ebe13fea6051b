import type { ConfigDict } from '@layerwise/core';
import { StepDecaySchedule, stepDecayOptions, type StepDecayOptions } from './step-decay.js';

/** Options of {@link InverseTimeDecay}: `decayRate` is how fast the rate decays. */
export type InverseTimeDecayOptions = StepDecayOptions;

/**
 * Keras 3's `InverseTimeDecay`: `initialLearningRate / (1 + decayRate * step / decaySteps)`,
 * `step / decaySteps` rounded down with `staircase`.
 *
 * @example
 * ```ts
 * const optimizer = sgd({ learningRate: new InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 }) });
 * ```
 */
export class InverseTimeDecay extends StepDecaySchedule {
  /** Keras' class name. */
  readonly className = 'InverseTimeDecay';

  constructor(options: InverseTimeDecayOptions) {
    super('InverseTimeDecay', options);
  }

  /** Rebuilds an InverseTimeDecay from its Keras config. */
  static fromConfig(config: ConfigDict): InverseTimeDecay {
    return new InverseTimeDecay(stepDecayOptions('InverseTimeDecay', config));
  }

  protected rateAt(progress: number): number {
    return this.initialLearningRate / (1 + this.decayRate * progress);
  }
}
