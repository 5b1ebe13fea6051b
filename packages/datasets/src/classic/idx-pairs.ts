import type { DatasetFileSpec } from '../mnist/files.js';
import { decodeSplit } from '../mnist/decode.js';
import type { MnistSplit } from '../mnist/split.js';
import { getDatasetFile, type LoadDatasetOptions } from './options.js';

/** A dataset in MNIST's layout: four gzipped IDX files, kept under `dataset/`. */
export interface IdxDatasetSpec {
  readonly dataset: string;
  readonly mirrors: readonly string[];
  readonly files: {
    readonly trainImages: DatasetFileSpec;
    readonly trainLabels: DatasetFileSpec;
    readonly testImages: DatasetFileSpec;
    readonly testLabels: DatasetFileSpec;
  };
}

/** A training and a test split. */
export interface TrainTestSplits<S = MnistSplit> {
  readonly train: S;
  readonly test: S;
}

/** Gets a dataset's four IDX files (verified) and decodes them into a training and a test split. */
export async function loadIdxDataset(spec: IdxDatasetSpec, options: LoadDatasetOptions): Promise<TrainTestSplits> {
  const get = (file: DatasetFileSpec) => getDatasetFile(spec.dataset, file, spec.mirrors, options);
  const split = async (images: DatasetFileSpec, labels: DatasetFileSpec): Promise<MnistSplit> => {
    const [imageBytes, labelBytes] = await Promise.all([get(images), get(labels)]);
    return decodeSplit({ images: imageBytes, labels: labelBytes, imagesSource: images.name, labelsSource: labels.name });
  };
  const { files } = spec;
  const [train, test] = await Promise.all([split(files.trainImages, files.trainLabels), split(files.testImages, files.testLabels)]);
  return { train, test };
}
