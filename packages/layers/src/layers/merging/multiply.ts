import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { LayerArgs } from '../../engine/layer.js';
import { Merge } from './merge.js';

/**
 * Multiplies its inputs elementwise (Keras' `Multiply`). Inputs broadcast against each other after the batch axis.
 *
 * @example
 * ```ts
 * const a = input({ shape: [16] });
 * const b = input({ shape: [16] });
 * const merged = multiply().apply([a, b]); // [a, b] → a * b
 * ```
 */
export class Multiply extends Merge {
  static override readonly className = 'Multiply';

  protected merge(inputs: Tensor[]): Tensor {
    return inputs.reduce((a, b) => tf.mul(a, b));
  }
}

/** Creates a {@link Multiply} layer. */
export const multiply = (args: LayerArgs = {}): Multiply => new Multiply(args);
