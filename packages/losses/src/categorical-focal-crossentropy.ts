import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { invalidArgument } from '@layerwise/core';
import type { ConfigDict } from '@layerwise/core';
import { BaseLoss } from './base-loss.js';
import type { LossOptions } from './base-loss.js';
import { categoricalInputs, checkCrossEntropySettings, crossEntropyConfig, crossEntropyOptionsFromConfig } from './cross-entropy-settings.js';
import { checkAlpha, checkGamma } from './focal-options.js';
import { EPSILON, checkConfig, checkOptions } from './options.js';

/** Options of {@link CategoricalFocalCrossentropy}. */
export interface CategoricalFocalCrossentropyOptions extends LossOptions {
  /** The weight of every class (a number), or one weight per class (an array). Default 0.25. */
  alpha?: number | readonly number[];
  /** The focusing exponent (0 with `alpha: 1` gives categorical cross-entropy), at least 0. Default 2. */
  gamma?: number;
  /** Whether `yPred` holds logits rather than probabilities. Default false. */
  fromLogits?: boolean;
  /** In `[0, 1]`: targets become `yTrue * (1 - labelSmoothing) + labelSmoothing / classes`. Default 0. */
  labelSmoothing?: number;
  /** The class axis (any axis but the batch axis). Default -1. */
  axis?: number;
}

const OWNER = 'CategoricalFocalCrossentropy';

/**
 * Categorical focal cross-entropy, as Keras 3's `CategoricalFocalCrossentropy`: predictions
 * (softmaxed first with `fromLogits`) are divided by their sum over the class axis and clipped
 * to `[1e-7, 1 - 1e-7]` into `p`, and the loss is
 * `sum(alpha * (1 - p)^gamma * -t * log(p))` over the class axis with smoothed targets `t`.
 * Inputs `[batch, ..., classes]` of one shape; extra axes are averaged per sample.
 *
 * @example
 * ```ts
 * const loss = new CategoricalFocalCrossentropy();
 * const perSample = loss.call(tf.tensor2d([[0, 1, 0], [0, 0, 1]]), tf.tensor2d([[0.05, 0.95, 0], [0.1, 0.8, 0.1]]));
 * perSample.print(); // [3.2058e-05, 0.4663]
 * ```
 */
export class CategoricalFocalCrossentropy extends BaseLoss {
  readonly name = 'categorical_focal_crossentropy';
  readonly className = OWNER;
  /** The class weight, or one weight per class. */
  readonly alpha: number | readonly number[];
  /** The focusing exponent. */
  readonly gamma: number;
  /** Whether predictions are logits. */
  readonly fromLogits: boolean;
  /** The label smoothing factor, in `[0, 1]`. */
  readonly labelSmoothing: number;
  /** The class axis. */
  readonly axis: number;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: CategoricalFocalCrossentropyOptions = {}) {
    checkOptions(OWNER, options, ['alpha', 'gamma', 'fromLogits', 'labelSmoothing', 'axis', 'reduction']);
    super(OWNER, options.reduction);
    this.alpha = checkAlpha(OWNER, options.alpha ?? 0.25, true);
    this.gamma = checkGamma(OWNER, options.gamma ?? 2);
    ({ fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing, axis: this.axis } = checkCrossEntropySettings(OWNER, options));
  }

  /** Rebuilds the loss from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): CategoricalFocalCrossentropy {
    const keys = ['alpha', 'gamma', 'from_logits', 'label_smoothing', 'axis'];
    const dict = checkConfig(OWNER, config, keys, 'categorical_focal_crossentropy');
    return new CategoricalFocalCrossentropy({
      alpha: dict['alpha'] as number | number[] | undefined,
      gamma: dict['gamma'] as number | undefined,
      ...crossEntropyOptionsFromConfig(dict),
    });
  }

  /** Focal cross-entropies, the class axis summed out. */
  protected values(yTrue: Tensor, yPred: Tensor): Tensor {
    const { targets, pred, classes } = categoricalInputs(OWNER, yTrue, yPred, this);
    if (Array.isArray(this.alpha) && this.alpha.length !== classes) {
      throw invalidArgument({ owner: OWNER, argument: 'alpha', expected: `one weight per class (${classes})`, received: this.alpha });
    }
    const probs = this.fromLogits ? tf.softmax(pred) : pred;
    const p = tf.clipByValue(tf.div(probs, tf.sum(probs, -1, true)), EPSILON, 1 - EPSILON);
    const crossEntropy = tf.neg(tf.mul(targets, tf.log(p)));
    const modulated = this.gamma === 0 ? crossEntropy : tf.mul(tf.pow(tf.sub(1, p), this.gamma), crossEntropy);
    const alpha = typeof this.alpha === 'number' ? this.alpha : tf.tensor1d(this.alpha as number[]);
    return tf.sum(tf.mul(modulated, alpha), -1);
  }

  /** `{ alpha, gamma, from_logits, label_smoothing, axis }`. */
  protected kerasOptions(): ConfigDict {
    return {
      alpha: this.alpha,
      gamma: this.gamma,
      ...crossEntropyConfig(this),
    };
  }
}

/**
 * Creates a {@link CategoricalFocalCrossentropy} loss.
 *
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: categoricalFocalCrossentropy({ fromLogits: true, gamma: 2 }) });
 * ```
 */
export const categoricalFocalCrossentropy = (options: CategoricalFocalCrossentropyOptions = {}): CategoricalFocalCrossentropy =>
  new CategoricalFocalCrossentropy(options);
