import type { LoadDatasetOptions } from '../classic/options.js';
import { loadIdxDataset, loadIdxSplit, type IdxDatasetSpec, type SplitName, type TrainTestSplits } from '../classic/idx-pairs.js';
import { MNIST_DATASET, MNIST_FILES, MNIST_MIRRORS } from './files.js';
import type { MnistSplit } from './split.js';

const MNIST: IdxDatasetSpec = { dataset: MNIST_DATASET, mirrors: MNIST_MIRRORS, files: MNIST_FILES };

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
  return loadIdxDataset(MNIST, options);
}

/**
 * Loads one split of MNIST, fetching only its two files: the 10,000 test images (1.6 MiB
 * compressed) without the 60,000 training ones (9.5 MiB), for instance in a web page.
 *
 * @example
 * ```ts
 * // In a browser: from the page's own server first, then the public mirrors.
 * const test = await loadMnistSplit('test', { mirrors: [new URL('datasets/mnist/', location.href).href, ...MNIST_MIRRORS] });
 * console.log(test.count); // 10000
 * ```
 */
export async function loadMnistSplit(split: SplitName, options: LoadMnistOptions = {}): Promise<MnistSplit> {
  return loadIdxSplit(MNIST, split, options, 'loadMnistSplit');
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
