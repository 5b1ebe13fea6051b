import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { LayerArgs } from '../../engine/layer.js';
import { Merge } from './merge.js';

/**
 * The elementwise minimum of its inputs (Keras' `Minimum`). Inputs broadcast against each other after the batch axis.
 *
 * @example
 * ```ts
 * const a = input({ shape: [16] });
 * const b = input({ shape: [16] });
 * const merged = minimum().apply([a, b]); // [a, b] → min(a, b)
 * ```
 */
export class Minimum extends Merge {
  static override readonly className = 'Minimum';

  protected merge(inputs: Tensor[]): Tensor {
    return inputs.reduce((a, b) => tf.minimum(a, b));
  }
}

/** Creates a {@link Minimum} layer. */
export const minimum = (args: LayerArgs = {}): Minimum => new Minimum(args);
