import type { Tensor } from '@tensorflow/tfjs-core';

/**
 * A loss function: `call` returns one loss value per sample (shape `[batch]`); the model reduces
 * them (mean over the batch, weighted when sample weights are given).
 */
export interface Loss {
  /** The Keras name, as written in compile configs and logs (`'sparse_categorical_crossentropy'`). */
  readonly name: string;
  call(yTrue: Tensor, yPred: Tensor): Tensor;
}
