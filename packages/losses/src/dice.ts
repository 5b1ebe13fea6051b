import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict } from '@layerwise/core';
import { EPSILON, checkConfig, checkOptions } from './options.js';
import { OverlapLoss } from './overlap-loss.js';
import type { OverlapLossOptions } from './overlap-loss.js';
import type { Reduction } from './reduction.js';

/** Options of {@link Dice}. */
export type DiceOptions = OverlapLossOptions;

const OWNER = 'Dice';

/**
 * The Dice loss `1 - 2 * sum(yTrue * yPred) / (sum(yTrue) + sum(yPred) + 1e-7)`, as Keras 3's
 * `Dice`, for segmentation masks of one shape. The sums run over `axis`: the whole batch by
 * default (one loss per batch, as Keras), or per sample with e.g. `axis: [1, 2, 3]`.
 *
 * @example
 * ```ts
 * const yTrue = tf.tensor4d([1, 1, 0, 0, 1, 1, 0, 0], [2, 2, 2, 1]);
 * const yPred = tf.tensor4d([0, 1, 0, 1, 0.4, 0, 0, 0.9], [2, 2, 2, 1]);
 * new Dice({ axis: [1, 2, 3] }).call(yTrue, yPred).print(); // [0.5, 0.7576]
 * const batch = new Dice();
 * batch.reduce(batch.call(yTrue, yPred)).print(); // 0.6164
 * ```
 */
export class Dice extends OverlapLoss {
  readonly name = 'dice';
  readonly className = OWNER;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: DiceOptions = {}) {
    checkOptions(OWNER, options, ['axis', 'reduction']);
    super(OWNER, options);
  }

  /** Rebuilds the loss from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): Dice {
    const dict = checkConfig(OWNER, config, ['axis'], 'dice');
    return new Dice({ axis: dict['axis'] as DiceOptions['axis'], reduction: dict['reduction'] as Reduction | undefined });
  }

  /** `2 * intersection / (sum(yTrue) + sum(yPred) + 1e-7)`. */
  protected score(yTrue: Tensor, yPred: Tensor, axes: number[] | null): Tensor {
    const sum = (t: Tensor): Tensor => (axes === null ? tf.sum(t) : tf.sum(t, axes));
    const intersection = sum(tf.mul(yTrue, yPred));
    return tf.div(tf.mul(intersection, 2), tf.add(tf.add(sum(yTrue), sum(yPred)), EPSILON));
  }
}

/**
 * Creates a {@link Dice} loss.
 *
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: dice({ axis: [1, 2, 3] }) });
 * ```
 */
export const dice = (options: DiceOptions = {}): Dice => new Dice(options);
