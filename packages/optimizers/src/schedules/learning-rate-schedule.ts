import type { ConfigDict, Serializable } from '@layerwise/core';

/**
 * A learning rate that changes with training, as Keras 3's `LearningRateSchedule`: a function of
 * the optimizer's step count, serialisable through its Keras class name and config. Pass one as an
 * optimizer's `learningRate`; the optimizer calls it with the number of `applyGradients` calls so
 * far (0 on the first step), Keras' `optimizer._iterations`.
 *
 * @example
 * ```ts
 * class HalvingEveryEpoch extends LearningRateSchedule {
 *   readonly className = 'HalvingEveryEpoch';
 *   constructor(readonly initial: number, readonly stepsPerEpoch: number) { super(); }
 *   call(step: number) { return this.initial * 0.5 ** Math.floor(step / this.stepsPerEpoch); }
 *   getConfig() { return { initial: this.initial, steps_per_epoch: this.stepsPerEpoch }; }
 * }
 * const optimizer = sgd({ learningRate: new HalvingEveryEpoch(0.1, 100) });
 * ```
 */
export abstract class LearningRateSchedule implements Serializable {
  /** The Keras class name written into saved configs (`'ExponentialDecay'`). */
  abstract readonly className: string;

  /** The learning rate at `step` (an integer of at least 0, the optimizer's step count). */
  abstract call(step: number): number;

  /** The constructor arguments, with Keras' snake_case keys. */
  abstract getConfig(): ConfigDict;
}
