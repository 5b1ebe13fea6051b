import * as tf from '@tensorflow/tfjs-core';
import type { DataSource } from './data.js';
import type { BatchSource, BatchTensors } from '@layerwise/core';
import { LayerwiseError } from '@layerwise/core';
import type { ModelBatch } from './data.js';
import { isTensorStructure } from './structure.js';

/**
 * Splits the overloads `(x, y, options)` and `(data, options)` shared by fit and evaluate into
 * inputs, targets and options. Inputs and targets are tensors: one each, or lists or records of
 * them for models with several inputs or outputs.
 */
export function splitArgs<O extends object>(
  owner: string,
  xOrData: BatchTensors | DataSource,
  yOrOptions: BatchTensors | O | undefined,
  maybeOptions: O | undefined,
): { x: BatchTensors | DataSource; y: BatchTensors | undefined; options: O } {
  if (isTensorStructure(xOrData)) {
    if (!isTensorStructure(yOrOptions)) {
      throw new LayerwiseError(`${owner}: x is given as tensors, so y must be the targets as tensors; received ${describe(yOrOptions)}`);
    }
    return { x: xOrData, y: yOrOptions, options: maybeOptions ?? ({} as O) };
  }
  // After a source of batches comes the options (a record of tensors such as `{ sampleWeight }` included).
  if (yOrOptions instanceof tf.Tensor || (Array.isArray(yOrOptions) && isTensorStructure(yOrOptions))) {
    throw new LayerwiseError(`${owner}: y is given as tensors, so x must be tensors too; received ${describe(xOrData)}`);
  }
  return { x: xOrData, y: undefined, options: (yOrOptions as O | undefined) ?? ({} as O) };
}

function describe(value: unknown): string {
  return value === undefined ? 'undefined' : Object.prototype.toString.call(value);
}
