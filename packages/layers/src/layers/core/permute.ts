import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { formatShape, invalidArgument, LayerwiseError, type ConfigDict, type Shape } from '@layerwise/core';
import { Layer, type LayerArgs } from '../../engine/layer.js';

/** Arguments of {@link Permute}. */
export interface PermuteArgs extends LayerArgs {
  /** A permutation of the sample axes, numbered from 1 (the batch axis stays first): `[2, 1]` swaps the two axes of `[batch, a, b]`. */
  dims: readonly number[];
}

/** Permutes the axes of each sample (Keras' Permute); the batch axis is left in place. */
export class Permute extends Layer {
  static override readonly className = 'Permute';
  readonly dims: number[];

  constructor(args: PermuteArgs) {
    super(args);
    const dims = args.dims;
    const sorted = Array.isArray(dims) ? [...dims].sort((a, b) => a - b) : [];
    if (!Array.isArray(dims) || dims.length === 0 || sorted.some((d, i) => d !== i + 1)) {
      throw invalidArgument({ owner: `Permute "${this.name}"`, argument: 'dims', expected: 'a permutation of 1..n (the sample axes)', received: dims });
    }
    this.dims = [...dims];
  }

  override build(inputShape: Shape): void {
    if (inputShape.length !== this.dims.length + 1) {
      throw new LayerwiseError(`Permute "${this.name}": dims ${JSON.stringify(this.dims)} need inputs of rank ${this.dims.length + 1}, received ${formatShape(inputShape)}`);
    }
  }

  call(x: Tensor): Tensor {
    return tf.transpose(x, [0, ...this.dims]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [inputShape[0] ?? null, ...this.dims.map((d) => inputShape[d] ?? null)];
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), dims: this.dims };
  }
}

/** Creates a {@link Permute} layer. */
export const permute = (args: PermuteArgs): Permute => new Permute(args);
