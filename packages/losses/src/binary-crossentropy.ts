import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict } from '@layerwise/core';
import { BaseLoss } from './base-loss.js';
import type { LossOptions } from './base-loss.js';
import { binaryCrossEntropyFromProbabilities, sigmoidCrossEntropyWithLogits } from './binary-cross-entropy-math.js';
import { binaryInputs, checkCrossEntropySettings, crossEntropyConfig, crossEntropyOptionsFromConfig } from './cross-entropy-settings.js';
import { checkConfig, checkOptions } from './options.js';

/** Options of {@link BinaryCrossentropy}. */
export interface BinaryCrossentropyOptions extends LossOptions {
  /** Whether `yPred` holds logits rather than probabilities. Default false. */
  fromLogits?: boolean;
  /** In `[0, 1]`: targets become `yTrue * (1 - labelSmoothing) + 0.5 * labelSmoothing`. Default 0. */
  labelSmoothing?: number;
  /**
   * The axis Keras averages the elementwise losses over. Default -1. Per-sample losses average
   * every non-batch axis anyway, so it only has to name a non-batch axis of the inputs.
   */
  axis?: number;
}

const OWNER = 'BinaryCrossentropy';

/**
 * Cross-entropy between binary (or soft) targets and predicted probabilities, as Keras'
 * `BinaryCrossentropy`. `yTrue` and `yPred` share one shape (`[batch]`, `[batch, 1]` and
 * `[batch, labels]` are usual; `[batch]` against `[batch, 1]` is accepted). Each element is an
 * independent binary problem; the losses are averaged over every axis but the batch axis.
 *
 * Numerics follow Keras: probabilities are clipped to `[1e-7, 1 - 1e-7]`; logits use the stable
 * formula `max(x, 0) - x * z + log(1 + exp(-|x|))`.
 *
 * @example
 * ```ts
 * const loss = new BinaryCrossentropy({ fromLogits: true });
 * const perSample = loss.call(tf.tensor2d([[1], [0]]), tf.tensor2d([[2.5], [-1]]));
 * ```
 */
export class BinaryCrossentropy extends BaseLoss {
  readonly name = 'binary_crossentropy';
  readonly className = OWNER;
  /** Whether predictions are logits. */
  readonly fromLogits: boolean;
  /** The label smoothing factor, in `[0, 1]`. */
  readonly labelSmoothing: number;
  /** The axis Keras averages over (validated against the inputs' rank by `call`). */
  readonly axis: number;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: BinaryCrossentropyOptions = {}) {
    checkOptions(OWNER, options, ['fromLogits', 'labelSmoothing', 'axis', 'reduction']);
    super(OWNER, options.reduction);
    ({ fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing, axis: this.axis } = checkCrossEntropySettings(OWNER, options));
  }

  /** Rebuilds the loss from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): BinaryCrossentropy {
    const dict = checkConfig(OWNER, config, ['from_logits', 'label_smoothing', 'axis'], 'binary_crossentropy');
    return new BinaryCrossentropy({
      ...crossEntropyOptionsFromConfig(dict),
    });
  }

  /** Elementwise binary cross-entropies. */
  protected values(yTrue: Tensor, yPred: Tensor): Tensor {
    const [targets, pred] = binaryInputs(OWNER, yTrue, yPred, this);
    return this.fromLogits
      ? sigmoidCrossEntropyWithLogits(targets, pred)
      : binaryCrossEntropyFromProbabilities(targets, pred);
  }

  /** `{ from_logits, label_smoothing, axis }`. */
  protected kerasOptions(): ConfigDict {
    return crossEntropyConfig(this);
  }
}

/**
 * Creates a {@link BinaryCrossentropy} loss.
 *
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: binaryCrossentropy({ fromLogits: true }) });
 * ```
 */
export const binaryCrossentropy = (options: BinaryCrossentropyOptions = {}): BinaryCrossentropy =>
  new BinaryCrossentropy(options);
