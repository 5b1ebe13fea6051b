import { checkInteger, LayerwiseError } from '@layerwise/core';

/**
 * One split of MNIST (or any dataset of small images: Fashion-MNIST, CIFAR), as raw bytes: `count`
 * images of `rows` x `cols` pixels of `channels` values each (0..255), item after item, row after
 * row, channels last, and their labels.
 */
export interface MnistSplit {
  /** The pixels: `count * rows * cols` values in 0..255. */
  readonly images: Uint8Array;
  /** The class of each image (the digit, 0..9). */
  readonly labels: Uint8Array;
  /** The number of items. */
  readonly count: number;
  /** Image height in pixels (28 for MNIST). */
  readonly rows: number;
  /** Image width in pixels (28 for MNIST). */
  readonly cols: number;
  /** Values per pixel: 1 (grey-scale, the default) or 3 (RGB, CIFAR). */
  readonly channels?: number;
}

/** The values of one item: `rows * cols * channels`. */
export function itemSize(split: MnistSplit): number {
  return split.rows * split.cols * (split.channels ?? 1);
}

/** Throws a `LayerwiseError` unless `split`'s arrays have the lengths its counts call for. */
export function checkSplit(owner: string, split: MnistSplit): void {
  if (typeof split !== 'object' || split === null || !(split.images instanceof Uint8Array) || !(split.labels instanceof Uint8Array)) {
    throw new LayerwiseError(`${owner}: expected a split ({ images, labels, count, rows, cols } with Uint8Array images and labels)`);
  }
  checkInteger(owner, 'split.count', split.count, 0);
  checkInteger(owner, 'split.rows', split.rows);
  checkInteger(owner, 'split.cols', split.cols);
  if (split.channels !== undefined) checkInteger(owner, 'split.channels', split.channels);
  const pixels = split.count * itemSize(split);
  if (split.images.length !== pixels || split.labels.length !== split.count) {
    throw new LayerwiseError(
      `${owner}: inconsistent split: ${split.count} items of ${split.rows}x${split.cols}${split.channels === undefined ? '' : `x${split.channels}`} need ${pixels} pixels and ` +
        `${split.count} labels, got ${split.images.length} pixels and ${split.labels.length} labels`,
    );
  }
}

/** Options of {@link sliceSplit}. */
export interface SliceSplitOptions {
  /** The first item kept. Default 0. */
  readonly start?: number;
  /** How many items are kept. Default: all from `start` to the end. */
  readonly count?: number;
}

/**
 * The items `start .. start + count - 1` of a split, as a split sharing the original's memory
 * (no copy). Tests and quick experiments use it to train on a subset.
 *
 * @example
 * ```ts
 * const { train } = await loadMnist();
 * const first1000 = sliceSplit(train, { count: 1000 });
 * ```
 */
export function sliceSplit(split: MnistSplit, options: SliceSplitOptions = {}): MnistSplit {
  const owner = 'sliceSplit';
  checkSplit(owner, split);
  const start = checkInteger(owner, 'start', options.start ?? 0, 0);
  if (start > split.count) {
    throw new LayerwiseError(`${owner}: \`start\` is past the end of the split: start=${start}, the split has ${split.count} items`);
  }
  const count = checkInteger(owner, 'count', options.count ?? split.count - start, 0);
  if (start + count > split.count) {
    throw new LayerwiseError(
      `${owner}: the slice runs past the end of the split: start=${start}, count=${count}, the split has ${split.count} items`,
    );
  }
  const size = itemSize(split);
  return {
    ...split,
    images: split.images.subarray(start * size, (start + count) * size),
    labels: split.labels.subarray(start, start + count),
    count,
  };
}
