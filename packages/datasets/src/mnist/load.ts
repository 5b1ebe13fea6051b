import { fetchDatasetFile } from '../fetch/fetch-dataset-file.js';
import type { FetchLike } from '../fetch/fetch-like.js';
import { decodeSplit } from './decode.js';
import { MNIST_DATASET, MNIST_FILES, MNIST_MIRRORS, type DatasetFileSpec } from './files.js';
import type { MnistSplit } from './split.js';

/** Options of {@link loadMnist}. */
export interface LoadMnistOptions {
  /** Offline root holding `mnist/<file>.gz`. Default: `LAYERWISE_DATASETS_DIR`. */
  readonly offlineDir?: string;
  /** Cache root (files go to `<cacheDir>/mnist/`). Default: `LAYERWISE_CACHE_DIR`, else `~/.cache/layerwise/datasets`. */
  readonly cacheDir?: string;
  /** Base URLs to download from, in order. Default: {@link MNIST_MIRRORS}. */
  readonly mirrors?: readonly string[];
  /** The fetch used to download. Default: the global `fetch`. */
  readonly fetch?: FetchLike;
}

/** MNIST: 60,000 training and 10,000 test images of 28x28 handwritten digits, with their labels. */
export interface MnistData {
  readonly train: MnistSplit;
  readonly test: MnistSplit;
}

/**
 * Loads MNIST: each of its four files comes from the offline directory, the cache or the public
 * mirrors (checksum verified, see `fetchDatasetFile`), then is decompressed and parsed. Returns the
 * raw bytes; turn a split into tensors with `toTensors` or into batches with `toBatches`.
 *
 * @example
 * ```ts
 * const { train, test } = await loadMnist();
 * console.log(train.count, test.count); // 60000 10000
 * const { x, y } = toTensors(train, { flatten: true }); // x [60000, 784] in [0, 1], y [60000] int32
 * ```
 */
export async function loadMnist(options: LoadMnistOptions = {}): Promise<MnistData> {
  const get = async (file: DatasetFileSpec): Promise<Uint8Array> => {
    const fetched = await fetchDatasetFile({
      name: file.name,
      dataset: MNIST_DATASET,
      md5: file.md5,
      mirrors: options.mirrors ?? MNIST_MIRRORS,
      ...(options.offlineDir !== undefined && { offlineDir: options.offlineDir }),
      ...(options.cacheDir !== undefined && { cacheDir: options.cacheDir }),
      ...(options.fetch !== undefined && { fetch: options.fetch }),
    });
    return fetched.bytes;
  };
  const split = async (images: DatasetFileSpec, labels: DatasetFileSpec): Promise<MnistSplit> => {
    const [imageBytes, labelBytes] = await Promise.all([get(images), get(labels)]);
    return decodeSplit({ images: imageBytes, labels: labelBytes, imagesSource: images.name, labelsSource: labels.name });
  };
  const [train, test] = await Promise.all([
    split(MNIST_FILES.trainImages, MNIST_FILES.trainLabels),
    split(MNIST_FILES.testImages, MNIST_FILES.testLabels),
  ]);
  return { train, test };
}

/**
 * MNIST, Keras style: `mnist.load()` is {@link loadMnist}.
 *
 * @example
 * ```ts
 * const { train, test } = await mnist.load();
 * ```
 */
export const mnist = { load: loadMnist } as const;
