import { LayerwiseError } from '@layerwise/core';
import type { MnistSplit } from '../mnist/split.js';

/** CIFAR images are 32x32 RGB. */
export const CIFAR_SIDE = 32;
const PIXELS = CIFAR_SIDE * CIFAR_SIDE;
const VALUES = PIXELS * 3;

/** How to read one file of CIFAR's binary records. */
export interface CifarRecordFormat {
  /** Label bytes before each image: 1 for CIFAR-10, 2 for CIFAR-100 (coarse, then fine). */
  readonly labelBytes: 1 | 2;
  /** Which of them is the label kept (0-based). */
  readonly labelIndex: number;
  /** Labels must be below this. */
  readonly numClasses: number;
}

/**
 * Decodes files of CIFAR binary records (label byte(s), then 1024 red, 1024 green and 1024 blue
 * values, each plane row by row) into one split with channels last (`[32, 32, 3]` per image), as
 * Keras returns CIFAR. `files` are read in order, each named in errors.
 */
export function decodeCifarRecords(files: readonly { name: string; bytes: Uint8Array }[], format: CifarRecordFormat): MnistSplit {
  const recordSize = format.labelBytes + VALUES;
  for (const { name, bytes } of files) {
    if (bytes.length === 0 || bytes.length % recordSize !== 0) {
      throw new LayerwiseError(
        `${name}: corrupt CIFAR batch: ${bytes.length} bytes is not a whole number of ${recordSize}-byte records ` +
          `(${format.labelBytes} label byte(s) and 3072 pixel values each)`,
      );
    }
  }
  const count = files.reduce((n, f) => n + f.bytes.length / recordSize, 0);
  const images = new Uint8Array(count * VALUES);
  const labels = new Uint8Array(count);
  let item = 0;
  for (const { name, bytes } of files) {
    for (let record = 0; record < bytes.length; record += recordSize, item++) {
      const label = bytes[record + format.labelIndex]!;
      if (label >= format.numClasses) {
        throw new LayerwiseError(`${name}: label ${label} of record ${record / recordSize} is not a class index (0..${format.numClasses - 1})`);
      }
      labels[item] = label;
      const planes = record + format.labelBytes;
      const out = item * VALUES;
      for (let p = 0; p < PIXELS; p++) {
        images[out + p * 3] = bytes[planes + p]!;
        images[out + p * 3 + 1] = bytes[planes + PIXELS + p]!;
        images[out + p * 3 + 2] = bytes[planes + 2 * PIXELS + p]!;
      }
    }
  }
  return { images, labels, count, rows: CIFAR_SIDE, cols: CIFAR_SIDE, channels: 3 };
}

/** The class names of a CIFAR label file: one per line, blank lines left out. */
export function parseClassNames(bytes: Uint8Array): string[] {
  return new TextDecoder()
    .decode(bytes)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
