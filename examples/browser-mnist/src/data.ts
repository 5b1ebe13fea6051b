import * as tf from '@tensorflow/tfjs-core';
import { loadMnistSplit, MNIST_MIRRORS, sliceSplit, toTensors, type DatasetDownloadProgress, type MnistTensors } from '@layerwise/datasets';

/** Test images held out from training to validate on. */
export const VALIDATION_IMAGES = 1000;

/** The page's data: MNIST's 10,000 test images, 9,000 to train on and 1,000 to validate on. */
export interface PageData {
  readonly train: MnistTensors;
  readonly validation: MnistTensors;
}

/**
 * Loads the MNIST test set: from the page's own server first (`datasets/mnist/`, which the Vite
 * server fills from `LAYERWISE_DATASETS_DIR` or the public mirror), then the public mirrors.
 * Every file is checked against its published MD5.
 */
export async function loadPageData(onProgress: (progress: DatasetDownloadProgress) => void): Promise<PageData> {
  const local = new URL('datasets/mnist/', document.baseURI).href;
  const test = await loadMnistSplit('test', { mirrors: [local, ...MNIST_MIRRORS], onProgress });
  const trainCount = test.count - VALIDATION_IMAGES;
  // Images as [n, 28, 28, 1] in [0, 1], labels int32.
  return {
    train: toTensors(sliceSplit(test, { count: trainCount })),
    validation: toTensors(sliceSplit(test, { start: trainCount })),
  };
}

/** Frees the data's tensors. */
export function disposePageData(data: PageData): void {
  tf.dispose([data.train.x, data.train.y, data.validation.x, data.validation.y]);
}
