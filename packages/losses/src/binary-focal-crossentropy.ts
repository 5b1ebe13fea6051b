import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict } from '@layerwise/core';
import { BaseLoss } from './base-loss.js';
import type { LossOptions } from './base-loss.js';
import { binaryCrossEntropyFromProbabilities, sigmoidCrossEntropyWithLogits } from './binary-cross-entropy-math.js';
import { binaryInputs, checkCrossEntropySettings, crossEntropyConfig, crossEntropyOptionsFromConfig } from './cross-entropy-settings.js';
import { checkAlpha, checkGamma } from './focal-options.js';
import { checkBoolean, checkConfig, checkOptions } from './options.js';

/** Options of {@link BinaryFocalCrossentropy}. */
export interface BinaryFocalCrossentropyOptions extends LossOptions {
  /** Whether to weight class 1 by `alpha` and class 0 by `1 - alpha`. Default false. */
  applyClassBalancing?: boolean;
  /** The weight of class 1 when balancing, in `[0, 1]`. Default 0.25. */
  alpha?: number;
  /** The focusing exponent (0 gives binary cross-entropy), at least 0. Default 2. */
  gamma?: number;
  /** Whether `yPred` holds logits rather than probabilities. Default false. */
  fromLogits?: boolean;
  /** In `[0, 1]`: targets become `yTrue * (1 - labelSmoothing) + 0.5 * labelSmoothing`. Default 0. */
  labelSmoothing?: number;
  /** The axis Keras averages over; must name a non-batch axis of the inputs. Default -1. */
  axis?: number;
}

const OWNER = 'BinaryFocalCrossentropy';

/**
 * Binary focal cross-entropy (Lin et al., 2018), as Keras 3's `BinaryFocalCrossentropy`: with
 * smoothed targets `z` and probabilities `p` (the sigmoid of logits with `fromLogits`),
 * `pT = z * p + (1 - z) * (1 - p)` and each element's binary cross-entropy is multiplied by
 * `(1 - pT)^gamma`, and with `applyClassBalancing` by `z * alpha + (1 - z) * (1 - alpha)`; the
 * results are averaged over every axis but the batch axis. Shapes as {@link BinaryCrossentropy}.
 *
 * The cross-entropy is that of {@link BinaryCrossentropy}: probabilities clipped to
 * `[1e-7, 1 - 1e-7]`, logits through the stable sigmoid formula (as Keras' TensorFlow backend,
 * which recovers the logits of its sigmoid).
 *
 * @example
 * ```ts
 * const loss = new BinaryFocalCrossentropy({ gamma: 2, fromLogits: true });
 * loss.reduce(loss.call(tf.tensor1d([0, 1, 0, 0]), tf.tensor1d([-18.6, 0.51, 2.94, -12.8]))).print(); // 0.691
 * ```
 */
export class BinaryFocalCrossentropy extends BaseLoss {
  readonly name = 'binary_focal_crossentropy';
  readonly className = OWNER;
  /** Whether classes are weighted by `alpha` and `1 - alpha`. */
  readonly applyClassBalancing: boolean;
  /** The weight of class 1 when balancing. */
  readonly alpha: number;
  /** The focusing exponent. */
  readonly gamma: number;
  /** Whether predictions are logits. */
  readonly fromLogits: boolean;
  /** The label smoothing factor, in `[0, 1]`. */
  readonly labelSmoothing: number;
  /** The axis Keras averages over. */
  readonly axis: number;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: BinaryFocalCrossentropyOptions = {}) {
    checkOptions(OWNER, options, ['applyClassBalancing', 'alpha', 'gamma', 'fromLogits', 'labelSmoothing', 'axis', 'reduction']);
    super(OWNER, options.reduction);
    this.applyClassBalancing = checkBoolean(OWNER, 'applyClassBalancing', options.applyClassBalancing ?? false);
    this.alpha = checkAlpha(OWNER, options.alpha ?? 0.25, false) as number;
    this.gamma = checkGamma(OWNER, options.gamma ?? 2);
    ({ fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing, axis: this.axis } = checkCrossEntropySettings(OWNER, options));
  }

  /** Rebuilds the loss from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): BinaryFocalCrossentropy {
    const keys = ['apply_class_balancing', 'alpha', 'gamma', 'from_logits', 'label_smoothing', 'axis'];
    const dict = checkConfig(OWNER, config, keys, 'binary_focal_crossentropy');
    return new BinaryFocalCrossentropy({
      applyClassBalancing: dict['apply_class_balancing'] as boolean | undefined,
      alpha: dict['alpha'] as number | undefined,
      gamma: dict['gamma'] as number | undefined,
      ...crossEntropyOptionsFromConfig(dict),
    });
  }

  /** Elementwise focal cross-entropies. */
  protected values(yTrue: Tensor, yPred: Tensor): Tensor {
    const [z, pred] = binaryInputs(OWNER, yTrue, yPred, this);
    const p = this.fromLogits ? tf.sigmoid(pred) : pred;
    const bce = this.fromLogits ? sigmoidCrossEntropyWithLogits(z, pred) : binaryCrossEntropyFromProbabilities(z, pred);
    const pT = tf.add(tf.mul(z, p), tf.mul(tf.sub(1, z), tf.sub(1, p)));
    // gamma = 0 skips the power: its gradient at a base of 0 would be 0 * inf.
    const focal = this.gamma === 0 ? bce : tf.mul(tf.pow(tf.sub(1, pT), this.gamma), bce);
    if (!this.applyClassBalancing) return focal;
    const weight = tf.add(tf.mul(z, this.alpha), tf.mul(tf.sub(1, z), 1 - this.alpha));
    return tf.mul(weight, focal);
  }

  /** `{ apply_class_balancing, alpha, gamma, from_logits, label_smoothing, axis }`. */
  protected kerasOptions(): ConfigDict {
    return {
      apply_class_balancing: this.applyClassBalancing,
      alpha: this.alpha,
      gamma: this.gamma,
      ...crossEntropyConfig(this),
    };
  }
}

/**
 * Creates a {@link BinaryFocalCrossentropy} loss.
 *
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: binaryFocalCrossentropy({ gamma: 2, applyClassBalancing: true }) });
 * ```
 */
export const binaryFocalCrossentropy = (options: BinaryFocalCrossentropyOptions = {}): BinaryFocalCrossentropy =>
  new BinaryFocalCrossentropy(options);
