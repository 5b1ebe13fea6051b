import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { LayerArgs } from '../../engine/layer.js';
import { Merge } from './merge.js';

/**
 * Sums its inputs elementwise (Keras' `Add`). Inputs broadcast against each other after the batch axis.
 *
 * @example
 * ```ts
 * const a = input({ shape: [16] });
 * const b = input({ shape: [16] });
 * const merged = add().apply([a, b]); // [a, b] → a + b
 * ```
 */
export class Add extends Merge {
  static override readonly className = 'Add';

  protected merge(inputs: Tensor[]): Tensor {
    return inputs.reduce((a, b) => tf.add(a, b));
  }
}

/** Creates an {@link Add} layer. */
export const add = (args: LayerArgs = {}): Add => new Add(args);
