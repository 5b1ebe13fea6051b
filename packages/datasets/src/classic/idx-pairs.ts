import { invalidArgument } from '@layerwise/core';
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

/** The name of one split: `'train'` or `'test'`. */
export type SplitName = keyof TrainTestSplits;

/** Gets one split's two IDX files (verified) and decodes them; only those two files are fetched. */
export async function loadIdxSplit(spec: IdxDatasetSpec, split: SplitName, options: LoadDatasetOptions, owner: string): Promise<MnistSplit> {
  if (split !== 'train' && split !== 'test') {
    throw invalidArgument({ owner, argument: 'split', expected: "'train' or 'test'", received: split });
  }
  const [images, labels] = split === 'train' ? [spec.files.trainImages, spec.files.trainLabels] : [spec.files.testImages, spec.files.testLabels];
  const get = (file: DatasetFileSpec) => getDatasetFile(spec.dataset, file, spec.mirrors, options);
  const [imageBytes, labelBytes] = await Promise.all([get(images), get(labels)]);
  return decodeSplit({ images: imageBytes, labels: labelBytes, imagesSource: images.name, labelsSource: labels.name });
}

/** Gets a dataset's four IDX files (verified) and decodes them into a training and a test split. */
export async function loadIdxDataset(spec: IdxDatasetSpec, options: LoadDatasetOptions): Promise<TrainTestSplits> {
  const [train, test] = await Promise.all([loadIdxSplit(spec, 'train', options, spec.dataset), loadIdxSplit(spec, 'test', options, spec.dataset)]);
  return { train, test };
}
