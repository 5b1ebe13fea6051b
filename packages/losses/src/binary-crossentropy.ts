import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkNumber } from '@layerwise/core';
import type { ConfigDict, Loss, Serializable } from '@layerwise/core';
import { EPSILON, checkBoolean, checkConfig, checkOptions } from './options.js';
import { alignTargets, checkTensor, meanOverNonBatchAxes } from './shapes.js';

/** Options of {@link BinaryCrossentropy}. */
export interface BinaryCrossentropyOptions {
  /** Whether `yPred` holds logits rather than probabilities. Default false. */
  fromLogits?: boolean;
  /** In `[0, 1]`: targets become `yTrue * (1 - labelSmoothing) + 0.5 * labelSmoothing`. Default 0. */
  labelSmoothing?: number;
}

const OWNER = 'BinaryCrossentropy';

/**
 * Stable elementwise sigmoid cross-entropy from logits `x` against targets `z`, as TensorFlow's
 * `sigmoid_cross_entropy_with_logits`: `max(x, 0) - x * z + log(1 + exp(-|x|))`. The `max` and
 * `|x|` are written with one `where` on `x >= 0` so that the gradient at `x = 0` is the exact
 * `sigmoid(0) - z` (separate relu/abs kernels would give `-z` there).
 */
function sigmoidCrossEntropyWithLogits(z: Tensor, x: Tensor): Tensor {
  const nonNegative = tf.greaterEqual(x, 0);
  const reluX = tf.where(nonNegative, x, tf.zerosLike(x));
  const negAbsX = tf.where(nonNegative, tf.neg(x), x);
  return tf.add(tf.sub(reluX, tf.mul(x, z)), tf.log1p(tf.exp(negAbsX)));
}

/** Elementwise binary cross-entropy from probabilities clipped to `[1e-7, 1 - 1e-7]`, as Keras. */
function binaryCrossEntropyFromProbabilities(z: Tensor, p: Tensor): Tensor {
  const clipped = tf.clipByValue(p, EPSILON, 1 - EPSILON);
  return tf.neg(tf.add(tf.mul(z, tf.log(clipped)), tf.mul(tf.sub(1, z), tf.log(tf.sub(1, clipped)))));
}

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
export class BinaryCrossentropy implements Loss, Serializable {
  readonly name = 'binary_crossentropy';
  readonly className = OWNER;
  /** Whether predictions are logits. */
  readonly fromLogits: boolean;
  /** The label smoothing factor, in `[0, 1]`. */
  readonly labelSmoothing: number;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: BinaryCrossentropyOptions = {}) {
    checkOptions(OWNER, options, ['fromLogits', 'labelSmoothing']);
    this.fromLogits = checkBoolean(OWNER, 'fromLogits', options.fromLogits ?? false);
    this.labelSmoothing = checkNumber(OWNER, 'labelSmoothing', options.labelSmoothing ?? 0, { min: 0, max: 1 });
  }

  /** Rebuilds the loss from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): BinaryCrossentropy {
    const dict = checkConfig(OWNER, config, ['from_logits', 'label_smoothing'], 'binary_crossentropy');
    return new BinaryCrossentropy({
      fromLogits: dict['from_logits'] as boolean | undefined,
      labelSmoothing: dict['label_smoothing'] as number | undefined,
    });
  }

  /** Per-sample losses, shape `[batch]`. The inputs are not disposed. */
  call(yTrue: Tensor, yPred: Tensor): Tensor {
    checkTensor(OWNER, 'yTrue', yTrue, 1);
    checkTensor(OWNER, 'yPred', yPred, 1);
    return tf.tidy(() => {
      const [rawTargets, pred] = alignTargets(OWNER, yTrue, yPred);
      const ls = this.labelSmoothing;
      const targets = ls > 0 ? tf.add(tf.mul(rawTargets, 1 - ls), 0.5 * ls) : rawTargets;
      const elementwise = this.fromLogits
        ? sigmoidCrossEntropyWithLogits(targets, pred)
        : binaryCrossEntropyFromProbabilities(targets, pred);
      return meanOverNonBatchAxes(elementwise);
    });
  }

  /** Keras' config: `{ name, from_logits, label_smoothing }`. */
  getConfig(): ConfigDict {
    return { name: this.name, from_logits: this.fromLogits, label_smoothing: this.labelSmoothing };
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
