import * as tf from '@tensorflow/tfjs-core';
import type { DataType, Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict, Initializer } from '@layerwise/core';

/** Fills a weight with one value. `zeros()` and `ones()` are its common cases. */
export class Constant implements Initializer {
  readonly className: string = 'Constant';
  constructor(readonly value: number) {}
  apply(shape: readonly number[], dtype: DataType = 'float32'): Tensor {
    return tf.fill([...shape], this.value, dtype);
  }
  getConfig(): ConfigDict {
    return { value: this.value };
  }
}

/** The all-zeros initialiser (Keras' `zeros`), the default for biases. */
export class Zeros extends Constant {
  override readonly className = 'Zeros';
  constructor() {
    super(0);
  }
  override getConfig(): ConfigDict {
    return {};
  }
}

/** The all-ones initialiser (Keras' `ones`). */
export class Ones extends Constant {
  override readonly className = 'Ones';
  constructor() {
    super(1);
  }
  override getConfig(): ConfigDict {
    return {};
  }
}
