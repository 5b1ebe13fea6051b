import type { LoadDatasetOptions } from '../classic/options.js';
import { loadIdxDataset, type TrainTestSplits } from '../classic/idx-pairs.js';
import { MNIST_DATASET, MNIST_FILES, MNIST_MIRRORS } from './files.js';

/** Options of {@link loadMnist}: where its files come from. */
export type LoadMnistOptions = LoadDatasetOptions;

/** MNIST: 60,000 training and 10,000 test images of 28x28 handwritten digits, with their labels. */
export type MnistData = TrainTestSplits;

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
  return loadIdxDataset({ dataset: MNIST_DATASET, mirrors: MNIST_MIRRORS, files: MNIST_FILES }, options);
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
