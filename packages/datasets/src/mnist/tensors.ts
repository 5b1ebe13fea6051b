import type { Tensor } from '@tensorflow/tfjs-core';
import { encodeItems, resolveCount, resolveEncodeOptions, type EncodeOptions } from './encode.js';
import { checkSplit, type MnistSplit } from './split.js';

/** Options of {@link toTensors}. */
export interface ToTensorsOptions extends EncodeOptions {
  /** Use only the first `count` items. Default: all. */
  readonly count?: number;
}

/** A split as tensors. The caller owns (and disposes) both. */
export interface MnistTensors {
  /** Images, float32: `[n, rows, cols, 1]`, or `[n, rows * cols]` with `flatten`. */
  readonly x: Tensor;
  /** Labels, shape `[n]`: int32 class indices by default, float32 with `labelDtype: 'float32'`. */
  readonly y: Tensor;
}

/**
 * Turns a split into two tensors: images `x` (float32, divided by 255 unless `normalize: false`,
 * `[n, 28, 28, 1]` or `[n, 784]` with `flatten`) and labels `y` (`[n]`, int32 by default, which
 * sparse categorical cross-entropy takes as is). The caller disposes them.
 *
 * @example
 * ```ts
 * const { train } = await loadMnist();
 * const { x, y } = toTensors(train, { flatten: true, count: 12_000 });
 * await model.fit(x, y, { epochs: 1, batchSize: 128 });
 * tf.dispose([x, y]);
 * ```
 */
export function toTensors(split: MnistSplit, options: ToTensorsOptions = {}): MnistTensors {
  const owner = 'toTensors';
  checkSplit(owner, split);
  const encode = resolveEncodeOptions(owner, options);
  const count = resolveCount(owner, split, options.count);
  return encodeItems(split, { count, indexAt: (i) => i }, encode);
}
