import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkNumber } from '@layerwise/core';
import type { ConfigDict, ConfigValue } from '@layerwise/core';
import { EPSILON, checkConfig, checkOptions } from './options.js';
import { OverlapLoss } from './overlap-loss.js';
import type { OverlapLossOptions } from './overlap-loss.js';
import type { Reduction } from './reduction.js';

/** Options of {@link Tversky}. */
export interface TverskyOptions extends OverlapLossOptions {
  /** The weight of false positives, at least 0. Default 0.5. */
  alpha?: number;
  /** The weight of false negatives, at least 0. Default 0.5. */
  beta?: number;
}

const OWNER = 'Tversky';

/**
 * The Tversky loss (Salehi et al., 2017), as Keras 3's `Tversky`: with `tp = sum(yPred * yTrue)`,
 * `fp = sum(yPred * (1 - yTrue))` and `fn = sum((1 - yPred) * yTrue)` over `axis`, the loss is
 * `1 - tp / (tp + alpha * fp + beta * fn + 1e-7)`. `alpha = beta = 0.5` gives the Dice loss. The
 * sums run over the whole batch by default (one loss per batch, as Keras), or per sample with
 * e.g. `axis: [1, 2, 3]`.
 *
 * @example
 * ```ts
 * const loss = new Tversky({ alpha: 0.3, beta: 0.7, axis: [1] });
 * loss.call(tf.tensor2d([[1, 1, 0, 0]]), tf.tensor2d([[0.9, 0.2, 0.1, 0.4]])).print();
 * ```
 */
export class Tversky extends OverlapLoss {
  readonly name = 'tversky';
  readonly className = OWNER;
  /** The weight of false positives. */
  readonly alpha: number;
  /** The weight of false negatives. */
  readonly beta: number;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: TverskyOptions = {}) {
    checkOptions(OWNER, options, ['alpha', 'beta', 'axis', 'reduction']);
    super(OWNER, options);
    this.alpha = checkNumber(OWNER, 'alpha', options.alpha ?? 0.5, { min: 0 });
    this.beta = checkNumber(OWNER, 'beta', options.beta ?? 0.5, { min: 0 });
  }

  /** Rebuilds the loss from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): Tversky {
    const dict = checkConfig(OWNER, config, ['alpha', 'beta', 'axis'], 'tversky');
    return new Tversky({
      alpha: dict['alpha'] as number | undefined,
      beta: dict['beta'] as number | undefined,
      axis: dict['axis'] as TverskyOptions['axis'],
      reduction: dict['reduction'] as Reduction | undefined,
    });
  }

  /** `tp / (tp + alpha * fp + beta * fn + 1e-7)`. */
  protected score(yTrue: Tensor, yPred: Tensor, axes: number[] | null): Tensor {
    const sum = (t: Tensor): Tensor => (axes === null ? tf.sum(t) : tf.sum(t, axes));
    const tp = sum(tf.mul(yPred, yTrue));
    const fp = sum(tf.mul(tf.sub(1, yTrue), yPred));
    const fn = sum(tf.mul(yTrue, tf.sub(1, yPred)));
    const denominator = tf.add(tf.add(tf.add(tp, tf.mul(fp, this.alpha)), tf.mul(fn, this.beta)), EPSILON);
    return tf.div(tp, denominator);
  }

  /** `{ alpha, beta, axis }`. */
  protected override kerasOptions(): Record<string, ConfigValue> {
    return { alpha: this.alpha, beta: this.beta, ...super.kerasOptions() };
  }
}

/**
 * Creates a {@link Tversky} loss.
 *
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: tversky({ alpha: 0.3, beta: 0.7, axis: [1, 2, 3] }) });
 * ```
 */
export const tversky = (options: TverskyOptions = {}): Tversky => new Tversky(options);
