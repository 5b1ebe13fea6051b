import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkNumber } from '@layerwise/core';
import type { ConfigDict, Loss, Serializable } from '@layerwise/core';
import { EPSILON, checkBoolean, checkConfig, checkOptions } from './options.js';
import { alignTargets, checkTensor, meanOverNonBatchAxes } from './shapes.js';

/** Options of {@link CategoricalCrossentropy}. */
export interface CategoricalCrossentropyOptions {
  /** Whether `yPred` holds logits (unnormalised scores) rather than probabilities. Default false. */
  fromLogits?: boolean;
  /**
   * In `[0, 1]`: targets become `yTrue * (1 - labelSmoothing) + labelSmoothing / classes`.
   * Default 0.
   */
  labelSmoothing?: number;
}

const OWNER = 'CategoricalCrossentropy';

/**
 * Cross-entropy between one-hot (or soft) targets and predicted class scores, as Keras'
 * `CategoricalCrossentropy`. `yTrue` and `yPred` share the shape `[batch, ..., classes]`.
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
export class CategoricalCrossentropy implements Loss, Serializable {
  readonly name = 'categorical_crossentropy';
  readonly className = OWNER;
  /** Whether predictions are logits. */
  readonly fromLogits: boolean;
  /** The label smoothing factor, in `[0, 1]`. */
  readonly labelSmoothing: number;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: CategoricalCrossentropyOptions = {}) {
    checkOptions(OWNER, options, ['fromLogits', 'labelSmoothing']);
    this.fromLogits = checkBoolean(OWNER, 'fromLogits', options.fromLogits ?? false);
    this.labelSmoothing = checkNumber(OWNER, 'labelSmoothing', options.labelSmoothing ?? 0, { min: 0, max: 1 });
  }

  /** Rebuilds the loss from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): CategoricalCrossentropy {
    const dict = checkConfig(OWNER, config, ['from_logits', 'label_smoothing'], 'categorical_crossentropy');
    return new CategoricalCrossentropy({
      fromLogits: dict['from_logits'] as boolean | undefined,
      labelSmoothing: dict['label_smoothing'] as number | undefined,
    });
  }

  /** Per-sample losses, shape `[batch]`. The inputs are not disposed. */
  call(yTrue: Tensor, yPred: Tensor): Tensor {
    checkTensor(OWNER, 'yTrue', yTrue, 2);
    checkTensor(OWNER, 'yPred', yPred, 2);
    return tf.tidy(() => {
      const [rawTargets, pred] = alignTargets(OWNER, yTrue, yPred);
      const classes = pred.shape[pred.rank - 1] as number;
      const ls = this.labelSmoothing;
      const targets = ls > 0 ? tf.add(tf.mul(rawTargets, 1 - ls), ls / classes) : rawTargets;
      const logProbs = this.fromLogits
        ? tf.logSoftmax(pred)
        : tf.log(tf.clipByValue(tf.div(pred, tf.sum(pred, -1, true)), EPSILON, 1 - EPSILON));
      return meanOverNonBatchAxes(tf.neg(tf.sum(tf.mul(targets, logProbs), -1)));
    });
  }

  /** Keras' config: `{ name, from_logits, label_smoothing }`. */
  getConfig(): ConfigDict {
    return { name: this.name, from_logits: this.fromLogits, label_smoothing: this.labelSmoothing };
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
