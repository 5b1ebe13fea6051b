import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict, Serializable } from '@layerwise/core';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import { checkConfig, checkOptions } from './options.js';
import { alignTargets, checkTensor } from './shapes.js';

const OWNER = 'MeanSquaredError';

/** Options of {@link MeanSquaredError}. */
export interface MeanSquaredErrorOptions {
  /** The name under which the value is logged. Default `'mean_squared_error'`. */
  name?: string;
}

/** Elementwise `(yPred - yTrue)^2` for tensors of one shape (`[batch]` against `[batch, 1]` is accepted). */
export function squaredErrors(yTrue: Tensor, yPred: Tensor): Tensor {
  checkTensor(OWNER, 'yTrue', yTrue, 1);
  checkTensor(OWNER, 'yPred', yPred, 1);
  return tf.tidy(() => {
    const [targets, pred] = alignTargets(OWNER, yTrue, yPred);
    return tf.square(tf.sub(pred, targets));
  });
}

/**
 * The mean squared error over everything seen, as Keras' `MeanSquaredError` metric: each
 * sample's squared errors are averaged, then samples are averaged (weighted by `sampleWeight`
 * when given). `getMetric('mse')` gives one named `'mse'`.
 *
 * @example
 * ```ts
 * const mse = new MeanSquaredError();
 * mse.update(tf.tensor2d([[1], [2]]), tf.tensor2d([[1.5], [2]]));
 * mse.result().print(); // 0.125
 * ```
 */
export class MeanSquaredError extends MeanMetricWrapper implements Serializable {
  override readonly className: string = OWNER;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: MeanSquaredErrorOptions = {}) {
    checkOptions(OWNER, options, ['name']);
    super(squaredErrors, { name: options.name ?? 'mean_squared_error' });
  }

  /** Rebuilds the metric from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): MeanSquaredError {
    const dict = checkConfig(OWNER, config, ['name']);
    return new MeanSquaredError({ name: dict['name'] as string | undefined });
  }
}
