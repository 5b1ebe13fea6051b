import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict, Serializable } from '@layerwise/core';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import { squaredErrors } from './mean-squared-error.js';
import { checkConfig, checkOptions } from './options.js';

const OWNER = 'RootMeanSquaredError';

/** Options of {@link RootMeanSquaredError}. */
export interface RootMeanSquaredErrorOptions {
  /** The name under which the value is logged. Default `'root_mean_squared_error'`. */
  name?: string;
}

/**
 * The square root of the mean squared error over everything seen, as Keras'
 * `RootMeanSquaredError` (the root is taken of the accumulated mean, not per batch).
 * `getMetric('rmse')` gives one named `'rmse'`.
 *
 * @example
 * ```ts
 * const rmse = new RootMeanSquaredError();
 * rmse.update(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[1, 1], [0, 0]]));
 * rmse.result().print(); // 0.5
 * ```
 */
export class RootMeanSquaredError extends MeanMetricWrapper implements Serializable {
  override readonly className: string = OWNER;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: RootMeanSquaredErrorOptions = {}) {
    checkOptions(OWNER, options, ['name']);
    super(squaredErrors, { name: options.name ?? 'root_mean_squared_error' });
  }

  /** Rebuilds the metric from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): RootMeanSquaredError {
    const dict = checkConfig(OWNER, config, ['name']);
    return new RootMeanSquaredError({ name: dict['name'] as string | undefined });
  }

  /** `sqrt` of the mean squared error so far, as a new scalar the caller disposes. */
  override result(): Tensor {
    return tf.tidy(() => tf.sqrt(super.result()));
  }
}
