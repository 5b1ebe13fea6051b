import * as tf from '@tensorflow/tfjs-core';
import type { DataType, Tensor } from '@tensorflow/tfjs-core';
import { checkNumber, invalidArgument, type ConfigDict, type Initializer } from '@layerwise/core';

/** Options of {@link Identity}. */
export interface IdentityOptions {
  /** Multiplies the identity matrix. Default 1. */
  gain?: number;
}

/** Keras' Identity: `gain` times the identity matrix (ones on the diagonal of a 2-D shape, rectangular allowed). */
export class Identity implements Initializer {
  readonly className: string = 'Identity';
  readonly gain: number;
  constructor(options: IdentityOptions = {}) {
    this.gain = checkNumber('Identity', 'gain', options.gain ?? 1);
  }
  apply(shape: readonly number[], dtype: DataType = 'float32'): Tensor {
    if (shape.length !== 2) {
      throw invalidArgument({ owner: 'Identity', argument: 'shape', expected: 'a 2-D shape', received: shape });
    }
    return tf.tidy(() => tf.cast(tf.mul(tf.eye(shape[0]!, shape[1]!), this.gain), dtype));
  }
  getConfig(): ConfigDict {
    return { gain: this.gain };
  }
}
