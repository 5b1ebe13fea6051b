import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { LayerArgs } from '../../engine/layer.js';
import { Merge } from './merge.js';

/**
 * The elementwise mean of its inputs (Keras' `Average`). Inputs broadcast against each other after the batch axis.
 *
 * @example
 * ```ts
 * const a = input({ shape: [16] });
 * const b = input({ shape: [16] });
 * const merged = average().apply([a, b]); // [a, b] → (a + b) / 2
 * ```
 */
export class Average extends Merge {
  static override readonly className = 'Average';

  protected merge(inputs: Tensor[]): Tensor {
    return tf.div(inputs.reduce((a, b) => tf.add(a, b)), inputs.length);
  }
}

/** Creates an {@link Average} layer. */
export const average = (args: LayerArgs = {}): Average => new Average(args);
