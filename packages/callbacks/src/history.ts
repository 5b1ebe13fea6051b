import type { Logs } from '@layerwise/core';
import { Callback } from './callback.js';

/**
 * Records the logs of every epoch, as Keras' `History`: `epoch` lists the epochs run and
 * `history` maps each log name to its values, one per epoch in which it appeared (a name is added
 * the first time it appears; NaN values are kept). `fit` returns the History its callback list
 * holds.
 *
 * As in Keras, `epoch` restarts at every `onTrainBegin` while `history` keeps growing when the
 * same instance is passed to several `fit` calls.
 *
 * @example
 * ```ts
 * const history = new History();
 * await model.fit(x, y, { epochs: 3, callbacks: [history] });
 * history.history.loss; // [0.61, 0.43, 0.37]
 * ```
 */
export class History extends Callback {
  /** The epochs run by the latest `fit` (counting from 0). */
  epoch: number[] = [];
  /** Every log name with its values, one per epoch in which it appeared. */
  readonly history: Record<string, number[]> = {};

  override onTrainBegin(): void {
    this.epoch = [];
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    this.epoch.push(epoch);
    for (const [name, value] of Object.entries(logs)) {
      const values = Object.hasOwn(this.history, name) ? this.history[name] : undefined;
      if (values) {
        values.push(value);
      } else {
        // defineProperty, so a log named like an Object.prototype member is stored as data.
        Object.defineProperty(this.history, name, { value: [value], enumerable: true, writable: true, configurable: true });
      }
    }
  }
}
