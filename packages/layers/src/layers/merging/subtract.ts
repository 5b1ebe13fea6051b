import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { LayerArgs } from '../../engine/layer.js';
import { Merge } from './merge.js';

/**
 * Subtracts its second input from its first, elementwise (Keras' `Subtract`): exactly two inputs,
 * broadcast against each other after the batch axis.
 *
 * @example
 * ```ts
 * const diff = subtract().apply([a, b]); // a - b
 * ```
 */
export class Subtract extends Merge {
  static override readonly className = 'Subtract';

  protected override inputCount(): { min: number; max: number } {
    return { min: 2, max: 2 };
  }

  protected merge([a, b]: Tensor[]): Tensor {
    return tf.sub(a!, b!);
  }
}

/** Creates a {@link Subtract} layer. */
export const subtract = (args: LayerArgs = {}): Subtract => new Subtract(args);
