import type { Tensor } from '@tensorflow/tfjs-core';
import { checkNumber } from '@layerwise/core';
import type { ConfigDict } from '@layerwise/core';
import { checkAxis, resolveAxis } from './axis.js';
import { BaseLoss } from './base-loss.js';
import type { LossOptions } from './base-loss.js';
import {
  binaryCrossEntropyFromProbabilities,
  sigmoidCrossEntropyWithLogits,
  smoothBinaryTargets,
} from './binary-cross-entropy-math.js';
import { checkBoolean, checkConfig, checkOptions } from './options.js';
import type { Reduction } from './reduction.js';
import { alignTargets, checkTensor } from './shapes.js';

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
    this.fromLogits = checkBoolean(OWNER, 'fromLogits', options.fromLogits ?? false);
    this.labelSmoothing = checkNumber(OWNER, 'labelSmoothing', options.labelSmoothing ?? 0, { min: 0, max: 1 });
    this.axis = checkAxis(OWNER, options.axis ?? -1);
  }

  /** Rebuilds the loss from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): BinaryCrossentropy {
    const dict = checkConfig(OWNER, config, ['from_logits', 'label_smoothing', 'axis'], 'binary_crossentropy');
    return new BinaryCrossentropy({
      fromLogits: dict['from_logits'] as boolean | undefined,
      labelSmoothing: dict['label_smoothing'] as number | undefined,
      axis: dict['axis'] as number | undefined,
      reduction: dict['reduction'] as Reduction | undefined,
    });
  }

  /** Elementwise binary cross-entropies. */
  protected values(yTrue: Tensor, yPred: Tensor): Tensor {
    checkTensor(OWNER, 'yTrue', yTrue, 1);
    checkTensor(OWNER, 'yPred', yPred, 1);
    const [rawTargets, pred] = alignTargets(OWNER, yTrue, yPred);
    resolveAxis(OWNER, this.axis, pred.rank, true);
    const targets = smoothBinaryTargets(rawTargets, this.labelSmoothing);
    return this.fromLogits
      ? sigmoidCrossEntropyWithLogits(targets, pred)
      : binaryCrossEntropyFromProbabilities(targets, pred);
  }

  /** `{ from_logits, label_smoothing, axis }`. */
  protected kerasOptions(): ConfigDict {
    return { from_logits: this.fromLogits, label_smoothing: this.labelSmoothing, axis: this.axis };
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
