import type { Tensor } from '@tensorflow/tfjs-core';

/**
 * A stateful metric, as in Keras: `update` accumulates over batches (kept on the device, no read
 * back), `result` gives the value over everything seen since the last `reset`.
 */
export interface Metric {
  /** The name under which the value appears in logs (`'accuracy'`). */
  readonly name: string;
  update(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): void;
  /** The current value as a scalar tensor, owned by the caller. */
  result(): Tensor;
  reset(): void;
  /** Frees the metric's state. */
  dispose(): void;
}
