import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict } from '@layerwise/core';
import { BaseLoss } from './base-loss.js';
import type { LossOptions } from './base-loss.js';
import { categoricalInputs, checkCrossEntropySettings, crossEntropyConfig, crossEntropyOptionsFromConfig } from './cross-entropy-settings.js';
import { EPSILON, checkConfig, checkOptions } from './options.js';

/** Options of {@link CategoricalCrossentropy}. */
export interface CategoricalCrossentropyOptions extends LossOptions {
  /** Whether `yPred` holds logits (unnormalised scores) rather than probabilities. Default false. */
  fromLogits?: boolean;
  /**
   * In `[0, 1]`: targets become `yTrue * (1 - labelSmoothing) + labelSmoothing / classes`.
   * Default 0.
   */
  labelSmoothing?: number;
  /** The class axis (any axis but the batch axis; negative counts from the end). Default -1. */
  axis?: number;
}

const OWNER = 'CategoricalCrossentropy';

/**
 * Cross-entropy between one-hot (or soft) targets and predicted class scores, as Keras'
 * `CategoricalCrossentropy`. `yTrue` and `yPred` share the shape `[batch, ..., classes]` (the
 * class axis last unless `axis` says otherwise, as `[batch, classes, height, width]` with
 * `axis: 1`).
 *
 * Numerics follow Keras: logits go through a stable log-softmax; probabilities are first
 * divided by their sum over the class axis, then clipped to `[1e-7, 1 - 1e-7]` before the
 * logarithm. Losses over extra axes are averaged to one value per sample.
 *
 * @example
 * ```ts
 * const loss = new CategoricalCrossentropy({ labelSmoothing: 0.1 });
 * const perSample = loss.call(tf.tensor2d([[0, 1, 0]]), tf.tensor2d([[0.1, 0.8, 0.1]]));
 * ```
 */
export class CategoricalCrossentropy extends BaseLoss {
  readonly name = 'categorical_crossentropy';
  readonly className = OWNER;
  /** Whether predictions are logits. */
  readonly fromLogits: boolean;
  /** The label smoothing factor, in `[0, 1]`. */
  readonly labelSmoothing: number;
  /** The class axis. */
  readonly axis: number;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: CategoricalCrossentropyOptions = {}) {
    checkOptions(OWNER, options, ['fromLogits', 'labelSmoothing', 'axis', 'reduction']);
    super(OWNER, options.reduction);
    ({ fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing, axis: this.axis } = checkCrossEntropySettings(OWNER, options));
  }

  /** Rebuilds the loss from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): CategoricalCrossentropy {
    const dict = checkConfig(OWNER, config, ['from_logits', 'label_smoothing', 'axis'], 'categorical_crossentropy');
    return new CategoricalCrossentropy({
      ...crossEntropyOptionsFromConfig(dict),
    });
  }

  /** Cross-entropies with the class axis summed out. */
  protected values(yTrue: Tensor, yPred: Tensor): Tensor {
    const { targets, pred } = categoricalInputs(OWNER, yTrue, yPred, this);
    const logProbs = this.fromLogits
      ? tf.logSoftmax(pred)
      : tf.log(tf.clipByValue(tf.div(pred, tf.sum(pred, -1, true)), EPSILON, 1 - EPSILON));
    return tf.neg(tf.sum(tf.mul(targets, logProbs), -1));
  }

  /** `{ from_logits, label_smoothing, axis }`. */
  protected kerasOptions(): ConfigDict {
    return crossEntropyConfig(this);
  }
}

/**
 * Creates a {@link CategoricalCrossentropy} loss.
 *
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: categoricalCrossentropy({ fromLogits: true, labelSmoothing: 0.1 }) });
 * ```
 */
export const categoricalCrossentropy = (options: CategoricalCrossentropyOptions = {}): CategoricalCrossentropy =>
  new CategoricalCrossentropy(options);
