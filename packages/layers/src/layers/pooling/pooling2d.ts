import { BasePooling, type PoolingArgs } from './base-pooling.js';

/** Arguments of the 2D pooling layers: `poolSize` (default 2), `strides` (default the pool size), `padding`. */
export type Pooling2DArgs = PoolingArgs;

/** The maximum over each window of a `[batch, height, width, channels]` input. */
export class MaxPooling2D extends BasePooling {
  static override readonly className = 'MaxPooling2D';
  protected readonly mode = 'max';
  constructor(args: Pooling2DArgs = {}) {
    super(2, args);
  }
}

/**
 * The mean over each window. With `'same'` padding, border windows average only the values inside
 * the input, as Keras does (tfjs-core's own gradient gets those windows wrong; `pool` avoids it).
 */
export class AveragePooling2D extends BasePooling {
  static override readonly className = 'AveragePooling2D';
  protected readonly mode = 'avg';
  constructor(args: Pooling2DArgs = {}) {
    super(2, args);
  }
}

/** Creates a {@link MaxPooling2D} layer. */
export const maxPooling2d = (args: Pooling2DArgs = {}): MaxPooling2D => new MaxPooling2D(args);
/** Creates an {@link AveragePooling2D} layer. */
export const averagePooling2d = (args: Pooling2DArgs = {}): AveragePooling2D => new AveragePooling2D(args);
