import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { formatShape, LayerwiseError } from '@layerwise/core';

/** Throws unless `x` is a batch of images `[n, height, width, channels]`; names `owner`, `argument` and the shape received. */
export function checkImages(owner: string, argument: string, x: unknown): Tensor4D {
  if (!(x instanceof tf.Tensor)) {
    throw new LayerwiseError(`${owner}: \`${argument}\` must be a tensor of images [batch, height, width, channels]; received ${typeof x}`);
  }
  if ((x as Tensor).rank !== 4) {
    throw new LayerwiseError(
      `${owner}: \`${argument}\` must be a batch of images [batch, height, width, channels] (rank 4); received shape ${formatShape((x as Tensor).shape)}`,
    );
  }
  return x as Tensor4D;
}
