import type { DatasetFileSpec } from '../mnist/files.js';
import type { MnistSplit } from '../mnist/split.js';
import { loadIdxDataset, loadIdxSplit, type IdxDatasetSpec, type SplitName, type TrainTestSplits } from './idx-pairs.js';
import type { LoadDatasetOptions } from './options.js';

/** The dataset name Fashion-MNIST files are kept under (`<dir>/fashion-mnist/<file>`). */
export const FASHION_MNIST_DATASET = 'fashion-mnist';

/** Fashion-MNIST's public mirrors, tried in order: Keras' copy, then Zalando's own. */
export const FASHION_MNIST_MIRRORS: readonly string[] = [
  'https://storage.googleapis.com/tensorflow/tf-keras-datasets/',
  'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/',
];

/** The four Fashion-MNIST files and the MD5 checksums Zalando publishes. */
export const FASHION_MNIST_FILES = {
  trainImages: { name: 'train-images-idx3-ubyte.gz', md5: '8d4fb7e6c68d591d4c3dfef9ec88bf0d' },
  trainLabels: { name: 'train-labels-idx1-ubyte.gz', md5: '25c81989df183df01b3e8a0aad5dffbe' },
  testImages: { name: 't10k-images-idx3-ubyte.gz', md5: 'bef4ecab320f06d8554ea6380940ec79' },
  testLabels: { name: 't10k-labels-idx1-ubyte.gz', md5: 'bb300cfdad3c16e7a12a480ee83cd310' },
} as const satisfies Record<string, DatasetFileSpec>;

/** The ten classes, by label. */
export const FASHION_MNIST_CLASS_NAMES: readonly string[] = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];

/** Where Fashion-MNIST is kept and fetched from. */
export const FASHION_MNIST: IdxDatasetSpec = { dataset: FASHION_MNIST_DATASET, mirrors: FASHION_MNIST_MIRRORS, files: FASHION_MNIST_FILES };

/**
 * Loads Fashion-MNIST (Keras' `fashion_mnist.load_data()`): 60,000 training and 10,000 test
 * 28x28 grey-scale images of clothes in 10 classes ({@link FASHION_MNIST_CLASS_NAMES}), in
 * MNIST's format, so `toTensors` and `toBatches` take its splits. Files come from the offline
 * directory (`<dir>/fashion-mnist/`), the cache or the mirrors, MD5 verified.
 *
 * @example
 * ```ts
 * const { train, test } = await loadFashionMnist({ onProgress: (p) => console.log(p.file, p.loaded, p.total) });
 * const { x, y } = toTensors(train); // x [60000, 28, 28, 1] in [0, 1], y [60000] int32
 * ```
 */
export async function loadFashionMnist(options: LoadDatasetOptions = {}): Promise<TrainTestSplits> {
  return loadIdxDataset(FASHION_MNIST, options);
}

/** Loads one split of Fashion-MNIST (`'train'` or `'test'`), fetching only its two files. */
export async function loadFashionMnistSplit(split: SplitName, options: LoadDatasetOptions = {}): Promise<MnistSplit> {
  return loadIdxSplit(FASHION_MNIST, split, options, 'loadFashionMnistSplit');
}

/** Fashion-MNIST, Keras style: `fashionMnist.load()` is {@link loadFashionMnist}. */
export const fashionMnist = { load: loadFashionMnist } as const;
