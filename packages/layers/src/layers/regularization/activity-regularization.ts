import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkNumber, type ConfigDict } from '@layerwise/core';
import type { LayerArgs } from '../../engine/layer.js';
import { RegularizedLayer } from '../../regularizers/regularized-layer.js';
import { L1L2 } from '../../regularizers/regularizers.js';

/** Arguments of {@link ActivityRegularization}. */
export interface ActivityRegularizationArgs extends LayerArgs {
  /** Factor of `sum(|x|)`. Default 0. */
  l1?: number;
  /** Factor of `sum(x²)`. Default 0. */
  l2?: number;
}

/**
 * Passes its input through unchanged and adds `l1 * sum(|x|) + l2 * sum(x²)` of it to the training
 * loss (Keras' ActivityRegularization): the penalty of the last call is what `regularizationLoss()`
 * (and so `totalRegularizationLoss(model)`) returns.
 */
export class ActivityRegularization extends RegularizedLayer {
  static override readonly className = 'ActivityRegularization';
  override readonly supportsMasking = true;
  readonly l1: number;
  readonly l2: number;
  private readonly regularizer: L1L2;

  constructor(args: ActivityRegularizationArgs = {}) {
    super(args);
    const owner = `ActivityRegularization "${this.name}"`;
    const positive = { min: 0 };
    this.regularizer = new L1L2({ l1: checkNumber(owner, 'l1', args.l1 ?? 0, positive), l2: checkNumber(owner, 'l2', args.l2 ?? 0, positive) });
    this.l1 = this.regularizer.l1;
    this.l2 = this.regularizer.l2;
  }

  call(x: Tensor): Tensor {
    this.recordActivity(this.regularizer, x);
    return tf.clone(x);
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), l1: this.l1, l2: this.l2 };
  }
}

/** Creates an {@link ActivityRegularization} layer. */
export const activityRegularization = (args: ActivityRegularizationArgs = {}): ActivityRegularization => new ActivityRegularization(args);
