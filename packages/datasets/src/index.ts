export { parseIdx } from './idx.js';
export type { IdxArray, IdxData, IdxDtype, ParseIdxOptions } from './idx.js';
export { gunzip } from './gunzip.js';
export type { GunzipOptions } from './gunzip.js';
export { md5Hex } from './checksum/md5.js';
export { fetchDatasetFile } from './fetch/fetch-dataset-file.js';
export type { DatasetFile, DatasetFileOrigin, FetchDatasetFileOptions } from './fetch/fetch-dataset-file.js';
export type { FetchLike, HeadersLike, RequestInitLike, ResponseLike } from './fetch/fetch-like.js';
export { CACHE_DIR_ENV, DATASETS_DIR_ENV } from './fetch/locations.js';
export { loadMnist, loadMnistSplit, mnist } from './mnist/load.js';
export type { LoadMnistOptions, MnistData } from './mnist/load.js';
export { MNIST_DATASET, MNIST_FILES, MNIST_MIRRORS } from './mnist/files.js';
export type { DatasetFileSpec } from './mnist/files.js';
export { sliceSplit } from './mnist/split.js';
export type { MnistSplit, SliceSplitOptions } from './mnist/split.js';
export { toTensors } from './mnist/tensors.js';
export type { MnistTensors, ToTensorsOptions } from './mnist/tensors.js';
export { toBatches } from './mnist/batches.js';
export * from './pipeline/index.js';
export * from './images/index.js';
export type { MnistBatches, ToBatchesOptions } from './mnist/batches.js';
export type { EncodeOptions, LabelDtype } from './mnist/encode.js';
export type { DatasetDownloadProgress, DatasetDownloadCallback } from './fetch/progress.js';
export type { LoadDatasetOptions } from './classic/options.js';
export type { SplitName, TrainTestSplits } from './classic/idx-pairs.js';
export {
  FASHION_MNIST_CLASS_NAMES,
  FASHION_MNIST_DATASET,
  FASHION_MNIST_FILES,
  FASHION_MNIST_MIRRORS,
  fashionMnist,
  loadFashionMnist,
  loadFashionMnistSplit,
} from './classic/fashion-mnist.js';
export { cifar10, cifar100, loadCifar10, loadCifar100 } from './cifar/load.js';
export type { CifarData, LoadCifar100Options } from './cifar/load.js';
export { CIFAR100_FILE, CIFAR10_FILE, CIFAR_MIRRORS } from './cifar/files.js';
export { untar } from './archive/tar.js';
export { decodeSplit as decodeIdxSplit } from './mnist/decode.js';
export type { EncodedSplit } from './mnist/decode.js';
