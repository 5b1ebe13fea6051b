import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict, Serializable } from '@layerwise/core';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import { checkConfig, checkOptions } from './options.js';
import { alignTargets, checkTensor } from './shapes.js';

const OWNER = 'MeanAbsoluteError';

/** Options of {@link MeanAbsoluteError}. */
export interface MeanAbsoluteErrorOptions {
  /** The name under which the value is logged. Default `'mean_absolute_error'`. */
  name?: string;
}

/** Elementwise `|yPred - yTrue|` for tensors of one shape (`[batch]` against `[batch, 1]` is accepted). */
export function absoluteErrors(yTrue: Tensor, yPred: Tensor): Tensor {
  checkTensor(OWNER, 'yTrue', yTrue, 1);
  checkTensor(OWNER, 'yPred', yPred, 1);
  return tf.tidy(() => {
    const [targets, pred] = alignTargets(OWNER, yTrue, yPred);
    return tf.abs(tf.sub(pred, targets));
  });
}

/**
 * The mean absolute error over everything seen, as Keras' `MeanAbsoluteError` metric: each
 * sample's absolute errors are averaged, then samples are averaged (weighted by `sampleWeight`
 * when given). `getMetric('mae')` gives one named `'mae'`.
 *
 * @example
 * ```ts
 * const mae = new MeanAbsoluteError();
 * mae.update(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[1, 1], [0, 0]]));
 * mae.result().print(); // 0.25
 * ```
 */
export class MeanAbsoluteError extends MeanMetricWrapper implements Serializable {
  override readonly className: string = OWNER;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: MeanAbsoluteErrorOptions = {}) {
    checkOptions(OWNER, options, ['name']);
    super(absoluteErrors, { name: options.name ?? 'mean_absolute_error' });
  }

  /** Rebuilds the metric from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): MeanAbsoluteError {
    const dict = checkConfig(OWNER, config, ['name']);
    return new MeanAbsoluteError({ name: dict['name'] as string | undefined });
  }
}
