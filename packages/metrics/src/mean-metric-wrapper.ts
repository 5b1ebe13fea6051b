import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { invalidArgument } from '@layerwise/core';
import type { ConfigDict, Metric } from '@layerwise/core';
import { Mean } from './mean.js';
import { checkName } from './options.js';

/**
 * A function of `(yTrue, yPred)` giving values of shape `[batch, ...]` (per sample or per
 * element): a match indicator, an error. It may throw a `LayerwiseError` for bad shapes.
 */
export type MetricFunction = (yTrue: Tensor, yPred: Tensor) => Tensor;

/**
 * A metric that is the running mean of a function of `(yTrue, yPred)`, as Keras'
 * `MeanMetricWrapper`: each update evaluates the function on the batch and adds its values,
 * averaged per sample and weighted by `sampleWeight` when given, to a {@link Mean}. The accuracy
 * metrics are built on it; use it directly for a custom metric.
 *
 * @example
 * ```ts
 * const meanAbsoluteError = new MeanMetricWrapper((t, p) => tf.abs(tf.sub(p, t)), { name: 'mae' });
 * model.compile({ optimizer: 'adam', loss: 'mse', metrics: [meanAbsoluteError] });
 * ```
 */
export class MeanMetricWrapper implements Metric {
  readonly className: string = 'MeanMetricWrapper';
  /** The name under which the value is logged. */
  readonly name: string;
  private readonly fn: MetricFunction;
  private readonly mean: Mean;

  /** Wraps `fn`; `name` is required (there is no sensible default for an arbitrary function). */
  constructor(fn: MetricFunction, options: { name: string }) {
    if (typeof fn !== 'function') {
      throw invalidArgument({ owner: 'MeanMetricWrapper', argument: 'fn', expected: 'a function of (yTrue, yPred)', received: fn });
    }
    this.name = checkName('MeanMetricWrapper', options?.name);
    this.fn = fn;
    this.mean = new Mean({ name: this.name });
  }

  /** Adds a batch: `sampleWeight`, if given, has one weight per sample (`[batch]`). Nothing is disposed. */
  update(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): void {
    tf.tidy(() => {
      this.mean.update(this.fn(yTrue, yPred), sampleWeight);
    });
  }

  /** The value over everything seen since the last reset, as a new scalar the caller disposes. */
  result(): Tensor {
    return this.mean.result();
  }

  /** Starts over (the state stays allocated). */
  reset(): void {
    this.mean.reset();
  }

  /** Frees the state. */
  dispose(): void {
    this.mean.dispose();
  }

  /** Keras' config: `{ name }`. */
  getConfig(): ConfigDict {
    return { name: this.name };
  }
}
