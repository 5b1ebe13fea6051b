import { invalidArgument, type Logs } from '@layerwise/core';
import { Callback } from './callback.js';
import { optimizerOf } from './reduce-lr-on-plateau.js';

/** A schedule: the learning rate for an epoch (0-based), given the current rate. */
export type LearningRateSchedule = (epoch: number, learningRate: number) => number;

/**
 * Sets the optimizer's learning rate at the start of every epoch from `schedule(epoch, rate)`, and
 * records it in the epoch's logs as `learning_rate`, as Keras' callback does.
 *
 * @example
 * ```ts
 * new LearningRateScheduler((epoch, lr) => (epoch < 10 ? lr : lr * Math.exp(-0.1)));
 * ```
 */
export class LearningRateScheduler extends Callback {
  constructor(
    private readonly schedule: LearningRateSchedule,
    private readonly options: { verbose?: 0 | 1 } = {},
  ) {
    super();
    if (typeof schedule !== 'function') {
      throw invalidArgument({ owner: 'LearningRateScheduler', argument: 'schedule', expected: 'a function (epoch, learningRate) => number', received: schedule });
    }
  }

  override onEpochBegin(epoch: number): void {
    const optimizer = optimizerOf('LearningRateScheduler', this.model.optimizer);
    const next = this.schedule(epoch, optimizer.learningRate);
    if (typeof next !== 'number' || !Number.isFinite(next)) {
      throw invalidArgument({ owner: 'LearningRateScheduler', argument: `schedule(${epoch}, ${optimizer.learningRate})`, expected: 'a finite number', received: next });
    }
    optimizer.learningRate = next;
    if (this.options.verbose) console.log(`\nEpoch ${epoch + 1}: LearningRateScheduler setting learning rate to ${next}.`);
  }

  override onEpochEnd(_epoch: number, logs?: Logs): void {
    if (logs) logs['learning_rate'] = optimizerOf('LearningRateScheduler', this.model.optimizer).learningRate;
  }
}
