import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { LayerArgs } from '../../engine/layer.js';
import { Merge } from './merge.js';

/**
 * The elementwise maximum of its inputs (Keras' `Maximum`). Inputs broadcast against each other after the batch axis.
 *
 * @example
 * ```ts
 * const a = input({ shape: [16] });
 * const b = input({ shape: [16] });
 * const merged = maximum().apply([a, b]); // [a, b] → max(a, b)
 * ```
 */
export class Maximum extends Merge {
  static override readonly className = 'Maximum';

  protected merge(inputs: Tensor[]): Tensor {
    return inputs.reduce((a, b) => tf.maximum(a, b));
  }
}

/** Creates a {@link Maximum} layer. */
export const maximum = (args: LayerArgs = {}): Maximum => new Maximum(args);
