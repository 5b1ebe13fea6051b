import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict } from '@layerwise/core';
import { checkAxis, moveAxisLast, resolveAxis } from './axis.js';
import { BaseLoss } from './base-loss.js';
import type { LossOptions } from './base-loss.js';
import { EPSILON, checkBoolean, checkConfig, checkOptions } from './options.js';
import type { Reduction } from './reduction.js';
import { checkTensor, toFloat } from './shapes.js';
import { sparseLabels, validLabelMask } from './sparse-labels.js';

/** Options of {@link SparseCategoricalCrossentropy}. */
export interface SparseCategoricalCrossentropyOptions extends LossOptions {
  /** Whether `yPred` holds logits (unnormalised scores) rather than probabilities. Default false. */
  fromLogits?: boolean;
  /**
   * The class axis of `yPred` (any axis but the batch axis; negative counts from the end).
   * Labels have `yPred`'s shape without it (or with a 1 in its place). Default -1.
   */
  axis?: number;
}

const OWNER = 'SparseCategoricalCrossentropy';

/**
 * Cross-entropy between integer class labels and predicted class scores, as Keras'
 * `SparseCategoricalCrossentropy`. `yTrue` holds class indices of shape `[batch]` or
 * `[batch, 1]` (any numeric dtype; more axes allowed, as `[batch, steps]` against predictions
 * `[batch, steps, classes]`); `yPred` holds probabilities, or logits with `fromLogits`.
 *
 * Numerics follow Keras: logits go through a stable log-softmax; probabilities are clipped to
 * `[1e-7, 1 - 1e-7]`, their logarithm taken and then log-softmaxed (so rows that do not sum to
 * 1 are renormalised). Losses over extra axes are averaged to one value per sample.
 *
 * A label that is not an integer in `[0, classes)` gives a NaN loss for its sample (Keras gives
 * an error on CPU and NaN on GPU); nothing is read back from the device to detect it. Use
 * {@link checkSparseLabels} to get an error naming the bad label instead.
 *
 * @example
 * ```ts
 * const loss = new SparseCategoricalCrossentropy({ fromLogits: true });
 * const perSample = loss.call(tf.tensor1d([2, 0], 'int32'), tf.tensor2d([[0.1, 0.2, 3], [2, 0, -1]]));
 * perSample.print(); // [0.1096, 0.1698]
 * ```
 */
export class SparseCategoricalCrossentropy extends BaseLoss {
  readonly name = 'sparse_categorical_crossentropy';
  readonly className = OWNER;
  /** Whether predictions are logits. */
  readonly fromLogits: boolean;
  /** The class axis of the predictions. */
  readonly axis: number;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: SparseCategoricalCrossentropyOptions = {}) {
    checkOptions(OWNER, options, ['fromLogits', 'axis', 'reduction']);
    super(OWNER, options.reduction);
    this.fromLogits = checkBoolean(OWNER, 'fromLogits', options.fromLogits ?? false);
    this.axis = checkAxis(OWNER, options.axis ?? -1);
  }

  /** Rebuilds the loss from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): SparseCategoricalCrossentropy {
    const dict = checkConfig(OWNER, config, ['from_logits', 'axis'], 'sparse_categorical_crossentropy');
    return new SparseCategoricalCrossentropy({
      fromLogits: dict['from_logits'] as boolean | undefined,
      axis: dict['axis'] as number | undefined,
      reduction: dict['reduction'] as Reduction | undefined,
    });
  }

  /** Cross-entropies, one per label. */
  protected values(yTrue: Tensor, yPred: Tensor): Tensor {
    checkTensor(OWNER, 'yTrue', yTrue, 1);
    checkTensor(OWNER, 'yPred', yPred, 2);
    const axis = resolveAxis(OWNER, this.axis, yPred.rank);
    // Labels with a 1 at the class axis lose it, as Keras squeezes them.
    const squeezed = yTrue.rank === yPred.rank && yTrue.shape[axis] === 1 ? tf.squeeze(yTrue, [axis]) : yTrue;
    const pred = toFloat(moveAxisLast(yPred, axis));
    const labels = sparseLabels(OWNER, squeezed, pred);
    const classes = pred.shape[pred.rank - 1] as number;
    const logits = this.fromLogits ? pred : tf.log(tf.clipByValue(pred, EPSILON, 1 - EPSILON));
    const logProbs = tf.logSoftmax(logits);
    // Built as int32 and cast: tfjs-backend-wasm's OneHot ignores a float32 dtype and writes
    // int32 bits into a float32 tensor.
    const oneHot = tf.cast(tf.oneHot(tf.cast(labels, 'int32'), classes), 'float32');
    const losses = tf.neg(tf.sum(tf.mul(oneHot, logProbs), -1));
    const valid = validLabelMask(labels, classes, yTrue.dtype === 'int32' || yTrue.dtype === 'bool');
    return tf.where(valid, losses, tf.fill(losses.shape, Number.NaN));
  }

  /** `{ from_logits, axis }`. */
  protected kerasOptions(): ConfigDict {
    return { from_logits: this.fromLogits, axis: this.axis };
  }
}

/**
 * Creates a {@link SparseCategoricalCrossentropy} loss.
 *
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: sparseCategoricalCrossentropy({ fromLogits: true }) });
 * ```
 */
export const sparseCategoricalCrossentropy = (options: SparseCategoricalCrossentropyOptions = {}): SparseCategoricalCrossentropy =>
  new SparseCategoricalCrossentropy(options);
