import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict, Serializable } from '@layerwise/core';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import { checkConfig, checkOptions } from './options.js';
import { alignTargets, checkTensor } from './shapes.js';

const OWNER = 'MeanAbsolutePercentageError';

/** Options of {@link MeanAbsolutePercentageError}. */
export interface MeanAbsolutePercentageErrorOptions {
  /** The name under which the value is logged. Default `'mean_absolute_percentage_error'`. */
  name?: string;
}

/**
 * Elementwise `100 * |yTrue - yPred| / max(|yTrue|, 1e-7)`, as Keras' percentage error, for
 * tensors of one shape (`[batch]` against `[batch, 1]` is accepted).
 */
export function absolutePercentageErrors(yTrue: Tensor, yPred: Tensor): Tensor {
  checkTensor(OWNER, 'yTrue', yTrue, 1);
  checkTensor(OWNER, 'yPred', yPred, 1);
  return tf.tidy(() => {
    const [targets, pred] = alignTargets(OWNER, yTrue, yPred);
    return tf.mul(tf.div(tf.abs(tf.sub(targets, pred)), tf.maximum(tf.abs(targets), 1e-7)), 100);
  });
}

/**
 * The mean absolute percentage error over everything seen, as Keras'
 * `MeanAbsolutePercentageError` metric (per-sample means, weighted by `sampleWeight` when
 * given). `getMetric('mape')` gives one named `'mape'`.
 *
 * @example
 * ```ts
 * const mape = new MeanAbsolutePercentageError();
 * mape.update(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[1, 1], [0, 0]]));
 * mape.result().print(); // 250000000 (a zero target divides by 1e-7)
 * ```
 */
export class MeanAbsolutePercentageError extends MeanMetricWrapper implements Serializable {
  override readonly className: string = OWNER;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: MeanAbsolutePercentageErrorOptions = {}) {
    checkOptions(OWNER, options, ['name']);
    super(absolutePercentageErrors, { name: options.name ?? 'mean_absolute_percentage_error' });
  }

  /** Rebuilds the metric from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): MeanAbsolutePercentageError {
    const dict = checkConfig(OWNER, config, ['name']);
    return new MeanAbsolutePercentageError({ name: dict['name'] as string | undefined });
  }
}
