import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { imageDatasetFromDirectory, type Dataset } from '@layerwise/datasets';
import type { Batch } from '@layerwise/core';

/** `LAYERWISE_DATASETS_DIR` (CI: `../shared/datasets`), else `../shared/datasets` beside the repository. */
export const datasetsDir = () => resolve(process.env['LAYERWISE_DATASETS_DIR'] ?? resolve(import.meta.dirname, '../../../../shared/datasets'));

/** `LAYERWISE_MODELS_DIR`, else the `models` folder beside the datasets folder. */
export const modelsDir = () => resolve(process.env['LAYERWISE_MODELS_DIR'] ?? join(datasetsDir(), '..', 'models'));

/** darknet-tiny's input: 224x224 RGB. */
export const IMAGE_SIZE = 224;

/** Options of {@link hymenoptera}. */
export interface SplitOptions {
  /** Images to use (a seeded random subset of whole batches); default all. */
  limit?: number;
  batchSize: number;
}

/**
 * One split of hymenoptera (ants vs bees), decoded once and kept in memory (`cache()`), scaled to
 * [0, 1] as darknet-tiny expects. The files are shuffled by a seed, so a `limit` takes both classes.
 * The caller disposes the dataset.
 */
export async function hymenoptera(split: 'train' | 'val', options: SplitOptions): Promise<Dataset<Batch>> {
  const images = await imageDatasetFromDirectory(join(datasetsDir(), 'hymenoptera', split), {
    imageSize: [IMAGE_SIZE, IMAGE_SIZE],
    batchSize: options.batchSize,
    shuffle: true,
    seed: 1,
  });
  const picked = options.limit === undefined ? images : images.take(Math.ceil(options.limit / options.batchSize));
  return picked.map(({ x, y }) => ({ x: tf.div(x, 255), y: y! })).cache();
}
