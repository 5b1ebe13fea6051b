import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkInteger, formatShape, LayerwiseError, type ConfigDict, type Shape } from '@layerwise/core';
import { Layer, type LayerArgs } from '../../engine/layer.js';

/** Arguments of {@link RepeatVector}. */
export interface RepeatVectorArgs extends LayerArgs {
  /** How many times to repeat each vector. */
  n: number;
}

/** Repeats each `[features]` sample `n` times: `[batch, features]` → `[batch, n, features]`. */
export class RepeatVector extends Layer {
  static override readonly className = 'RepeatVector';
  readonly n: number;

  constructor(args: RepeatVectorArgs) {
    super(args);
    this.n = checkInteger(`RepeatVector "${this.name}"`, 'n', args.n);
  }

  override build(inputShape: Shape): void {
    if (inputShape.length !== 2) {
      throw new LayerwiseError(`RepeatVector "${this.name}": needs inputs of rank 2 ([batch, features]), received ${formatShape(inputShape)}`);
    }
  }

  call(x: Tensor): Tensor {
    return tf.tidy(() => tf.tile(tf.expandDims(x, 1), [1, this.n, 1]));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [inputShape[0] ?? null, this.n, inputShape[1] ?? null];
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), n: this.n };
  }
}

/** Creates a {@link RepeatVector} layer. */
export const repeatVector = (args: RepeatVectorArgs): RepeatVector => new RepeatVector(args);
