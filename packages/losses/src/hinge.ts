import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict } from '@layerwise/core';
import { BaseLoss } from './base-loss.js';
import type { LossOptions } from './base-loss.js';
import { hingeMargins } from './hinge-labels.js';
import { checkConfig, checkOptions } from './options.js';
import type { Reduction } from './reduction.js';
import { alignTargets, checkTensor } from './shapes.js';

const OWNER = 'Hinge';

/**
 * The hinge loss `max(1 - yTrue * yPred, 0)` averaged over every axis but the batch axis, as
 * Keras' `Hinge`. Labels are expected in {-1, 1}; when every label of the batch is 0 or 1 they
 * are converted to -1 or 1, as Keras does.
 *
 * @example
 * ```ts
 * const perSample = new Hinge().call(tf.tensor2d([[0, 1], [0, 0]]), tf.tensor2d([[0.6, 0.4], [0.4, 0.6]]));
 * perSample.print(); // [1.1, 1.5]
 * ```
 */
export class Hinge extends BaseLoss {
  readonly name = 'hinge';
  readonly className = OWNER;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: LossOptions = {}) {
    checkOptions(OWNER, options, ['reduction']);
    super(OWNER, options.reduction);
  }

  /** Rebuilds the loss from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): Hinge {
    const dict = checkConfig(OWNER, config, [], 'hinge');
    return new Hinge({ reduction: dict['reduction'] as Reduction | undefined });
  }

  /** Elementwise hinge margins. */
  protected values(yTrue: Tensor, yPred: Tensor): Tensor {
    checkTensor(OWNER, 'yTrue', yTrue, 1);
    checkTensor(OWNER, 'yPred', yPred, 1);
    const [targets, pred] = alignTargets(OWNER, yTrue, yPred);
    return hingeMargins(targets, pred);
  }

  /** No options beyond `name` and `reduction`. */
  protected kerasOptions(): ConfigDict {
    return {};
  }
}

/**
 * Creates a {@link Hinge} loss.
 *
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: hinge() });
 * ```
 */
export const hinge = (options: LossOptions = {}): Hinge => new Hinge(options);
