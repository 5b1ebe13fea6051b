import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { BatchSource } from '@layerwise/core';
import { LayerwiseError } from '@layerwise/core';

/**
 * Splits the overloads `(x, y, options)` and `(data, options)` shared by fit and evaluate into
 * inputs, targets and options.
 */
export function splitArgs<O extends object>(
  owner: string,
  xOrData: Tensor | BatchSource,
  yOrOptions: Tensor | O | undefined,
  maybeOptions: O | undefined,
): { x: Tensor | BatchSource; y: Tensor | undefined; options: O } {
  if (xOrData instanceof tf.Tensor) {
    if (!(yOrOptions instanceof tf.Tensor)) {
      throw new LayerwiseError(`${owner}: x is a tensor, so y must be a tensor of targets; received ${describe(yOrOptions)}`);
    }
    return { x: xOrData, y: yOrOptions, options: maybeOptions ?? ({} as O) };
  }
  if (yOrOptions instanceof tf.Tensor) {
    throw new LayerwiseError(`${owner}: y is given as a tensor, so x must be a tensor too; received ${describe(xOrData)}`);
  }
  return { x: xOrData, y: undefined, options: (yOrOptions as O | undefined) ?? ({} as O) };
}

function describe(value: unknown): string {
  return value === undefined ? 'undefined' : Object.prototype.toString.call(value);
}
