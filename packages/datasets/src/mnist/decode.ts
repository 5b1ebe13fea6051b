import { LayerwiseError } from '@layerwise/core';
import { gunzip } from '../gunzip.js';
import { parseIdx } from '../idx.js';
import type { MnistSplit } from './split.js';

/** The gzipped IDX files of one split and their names (named in error messages). */
export interface EncodedSplit {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly imagesSource: string;
  readonly labelsSource: string;
  /** Labels must be below this. Default 10. */
  readonly numClasses?: number;
}

/**
 * Decompresses and parses a split's image file (IDX uint8, rank 3) and label file (IDX uint8,
 * rank 1), and checks that they agree: as many labels as images, every label a class index.
 */
export async function decodeSplit(encoded: EncodedSplit): Promise<MnistSplit> {
  const { imagesSource, labelsSource, numClasses = 10 } = encoded;
  const [imageBytes, labelBytes] = await Promise.all([
    gunzip(encoded.images, { source: imagesSource }),
    gunzip(encoded.labels, { source: labelsSource }),
  ]);
  const images = parseIdx(imageBytes, { source: imagesSource, dtype: 'uint8', rank: 3 });
  const labels = parseIdx(labelBytes, { source: labelsSource, dtype: 'uint8', rank: 1 });
  const [count, rows, cols] = images.shape as [number, number, number];
  if (labels.shape[0] !== count) {
    throw new LayerwiseError(`${labelsSource}: holds ${labels.shape[0]} labels but ${imagesSource} holds ${count} images`);
  }
  const labelData = labels.data as Uint8Array;
  const bad = labelData.findIndex((label) => label >= numClasses);
  if (bad >= 0) {
    throw new LayerwiseError(`${labelsSource}: label ${labelData[bad]} at index ${bad} is not a class index (0..${numClasses - 1})`);
  }
  return { images: images.data as Uint8Array, labels: labelData, count, rows, cols };
}
