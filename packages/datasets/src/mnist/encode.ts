import * as tf from '@tensorflow/tfjs-core';
import { checkInteger, invalidArgument } from '@layerwise/core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { itemSize, type MnistSplit } from './split.js';

/** The dtype of label tensors: `int32` (exact class indices, the default) or `float32`. */
export type LabelDtype = 'int32' | 'float32';

/** How a split's items become tensors. */
export interface EncodeOptions {
  /** Divide pixels by 255 (values in [0, 1]); else they stay 0..255. Default true. */
  readonly normalize?: boolean;
  /** Images as `[n, rows * cols * channels]`; else `[n, rows, cols, channels]`. Default false. */
  readonly flatten?: boolean;
  /** The labels' dtype. Default `'int32'`. */
  readonly labelDtype?: LabelDtype;
}

/** Encode options after validation, with their defaults. */
export interface ResolvedEncodeOptions {
  readonly normalize: boolean;
  readonly flatten: boolean;
  readonly labelDtype: LabelDtype;
}

/** Which items of a split go into a tensor, in order: `count` items, item `i` being `indexAt(i)`. */
export interface Selection {
  readonly count: number;
  indexAt(i: number): number;
}

/** Validates encode options and fills in the defaults. */
export function resolveEncodeOptions(owner: string, options: EncodeOptions): ResolvedEncodeOptions {
  const { normalize = true, flatten = false, labelDtype = 'int32' } = options;
  if (typeof normalize !== 'boolean') throw invalidArgument({ owner, argument: 'normalize', expected: 'a boolean', received: normalize });
  if (typeof flatten !== 'boolean') throw invalidArgument({ owner, argument: 'flatten', expected: 'a boolean', received: flatten });
  if (labelDtype !== 'int32' && labelDtype !== 'float32') {
    throw invalidArgument({ owner, argument: 'labelDtype', expected: "'int32' or 'float32'", received: labelDtype });
  }
  return { normalize, flatten, labelDtype };
}

/** The number of items to use: `count` (between 1 and the split's size), else the whole split. */
export function resolveCount(owner: string, split: MnistSplit, count: number | undefined): number {
  if (count === undefined) return split.count;
  checkInteger(owner, 'count', count);
  if (count > split.count) {
    throw invalidArgument({ owner, argument: 'count', expected: `at most the split's ${split.count} items`, received: count });
  }
  return count;
}

/** Creates `{ x, y }` for the selected items: x float32 images, y labels of `labelDtype`. */
export function encodeItems(split: MnistSplit, selection: Selection, options: ResolvedEncodeOptions): { x: Tensor; y: Tensor } {
  const size = itemSize(split);
  const n = selection.count;
  const pixels = new Float32Array(n * size);
  const labels = options.labelDtype === 'int32' ? new Int32Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const item = selection.indexAt(i);
    const from = item * size;
    const source = split.images.subarray(from, from + size);
    if (options.normalize) {
      const offset = i * size;
      for (let j = 0; j < size; j++) pixels[offset + j] = source[j]! / 255;
    } else {
      pixels.set(source, i * size);
    }
    labels[i] = split.labels[item]!;
  }
  const shape = options.flatten ? [n, size] : [n, split.rows, split.cols, split.channels ?? 1];
  const x = tf.tensor(pixels, shape, 'float32');
  const y = tf.tensor1d(labels, options.labelDtype);
  return { x, y };
}
