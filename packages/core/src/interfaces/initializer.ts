import type { DataType, Tensor } from '@tensorflow/tfjs-core';
import type { Serializable } from './serializable.js';

/** Creates the initial value of a weight. */
export interface Initializer extends Serializable {
  apply(shape: readonly number[], dtype?: DataType): Tensor;
}
