import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict, Metric, Serializable } from '@layerwise/core';
import { MetricState } from './metric-state.js';
import { checkName } from './options.js';

/**
 * The base of metrics that keep their own accumulators (confusion counts, AUC, F-scores, IoU,
 * R²) rather than a running mean: a {@link MetricState} created on the first `update`, with
 * `reset` and `dispose` done here. Subclasses implement `update`, `result` and `getConfig`.
 */
export abstract class StatefulMetric<K extends string> implements Metric, Serializable {
  /** The class name written into saved configs. */
  abstract readonly className: string;
  /** The name under which the value is logged. */
  readonly name: string;
  /** The accumulators. */
  protected readonly state: MetricState<K>;

  /** Validates `name`; `owner` names the metric in errors. */
  protected constructor(owner: string, name: unknown) {
    this.name = checkName(owner, name);
    this.state = new MetricState<K>(owner);
  }

  /** Adds a batch to the state (no read back); neither input is disposed. */
  abstract update(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): void;

  /** The value over everything seen since the last reset, as a new tensor the caller disposes. */
  abstract result(): Tensor;

  /** Keras' config. */
  abstract getConfig(): ConfigDict;

  /** Starts over (the state stays allocated). */
  reset(): void {
    this.state.reset();
  }

  /** Frees the state; a later update starts again from zero. */
  dispose(): void {
    this.state.dispose();
  }
}
