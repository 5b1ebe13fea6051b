import { checkOneOf, LayerwiseError } from '@layerwise/core';
import { gunzip } from '../gunzip.js';
import { untar } from '../archive/tar.js';
import type { TrainTestSplits } from '../classic/idx-pairs.js';
import { getDatasetFile, type LoadDatasetOptions } from '../classic/options.js';
import type { DatasetFileSpec } from '../mnist/files.js';
import type { MnistSplit } from '../mnist/split.js';
import {
  CIFAR100_DATASET,
  CIFAR100_FILE,
  CIFAR100_MEMBERS,
  CIFAR10_DATASET,
  CIFAR10_FILE,
  CIFAR10_MEMBERS,
  CIFAR_MIRRORS,
} from './files.js';
import { decodeCifarRecords, parseClassNames, type CifarRecordFormat } from './records.js';

/** CIFAR's splits (32x32 RGB images, channels last, `channels: 3`) and its class names by label. */
export interface CifarData extends TrainTestSplits<MnistSplit> {
  readonly classNames: string[];
}

/** One CIFAR archive: where it is, which members hold which split, how its records read. */
export interface CifarArchiveSpec {
  readonly dataset: string;
  readonly file: DatasetFileSpec;
  readonly train: readonly string[];
  readonly test: readonly string[];
  readonly classNames: string;
  readonly format: CifarRecordFormat;
}

/** Gets a CIFAR archive (verified), un-gzips and un-tars it, and decodes its records. */
export async function loadCifarArchive(spec: CifarArchiveSpec, options: LoadDatasetOptions): Promise<CifarData> {
  const archive = await getDatasetFile(spec.dataset, spec.file, CIFAR_MIRRORS, options);
  const source = spec.file.name;
  const members = untar(await gunzip(archive, { source }), { source });
  const member = (name: string) => {
    const bytes = members.get(name);
    if (bytes === undefined) throw new LayerwiseError(`${source}: the archive has no '${name}' (found: ${[...members.keys()].join(', ')})`);
    return { name: `${source}:${name}`, bytes };
  };
  return {
    train: decodeCifarRecords(spec.train.map(member), spec.format),
    test: decodeCifarRecords(spec.test.map(member), spec.format),
    classNames: parseClassNames(member(spec.classNames).bytes),
  };
}

/** The CIFAR-10 archive as {@link loadCifarArchive} reads it. */
export const CIFAR10: CifarArchiveSpec = {
  dataset: CIFAR10_DATASET,
  file: CIFAR10_FILE,
  train: CIFAR10_MEMBERS.train,
  test: CIFAR10_MEMBERS.test,
  classNames: CIFAR10_MEMBERS.classNames,
  format: { labelBytes: 1, labelIndex: 0, numClasses: 10 },
};

/** The CIFAR-100 archive with fine (100) or coarse (20) labels, as {@link loadCifarArchive} reads it. */
export function cifar100Spec(labelMode: 'fine' | 'coarse'): CifarArchiveSpec {
  return {
    dataset: CIFAR100_DATASET,
    file: CIFAR100_FILE,
    train: CIFAR100_MEMBERS.train,
    test: CIFAR100_MEMBERS.test,
    classNames: CIFAR100_MEMBERS[labelMode],
    format: labelMode === 'fine' ? { labelBytes: 2, labelIndex: 1, numClasses: 100 } : { labelBytes: 2, labelIndex: 0, numClasses: 20 },
  };
}

/**
 * Loads CIFAR-10 (Keras' `cifar10.load_data()`): 50,000 training and 10,000 test 32x32 RGB
 * images in 10 classes. The binary archive (`cifar-10-binary.tar.gz`, MD5 verified) comes from
 * the offline directory (`<dir>/cifar10/`), the cache or the authors' site. Splits hold channels
 * last pixels (`channels: 3`), so `toTensors(train)` gives x `[50000, 32, 32, 3]` and y `[50000]`.
 *
 * @example
 * ```ts
 * const { train, test, classNames } = await loadCifar10();
 * console.log(classNames[train.labels[0]!]); // 'frog'
 * ```
 */
export async function loadCifar10(options: LoadDatasetOptions = {}): Promise<CifarData> {
  return loadCifarArchive(CIFAR10, options);
}

/** Options of {@link loadCifar100}. */
export interface LoadCifar100Options extends LoadDatasetOptions {
  /** `'fine'` (100 classes, the default) or `'coarse'` (20 superclasses), as Keras' `label_mode`. */
  readonly labelMode?: 'fine' | 'coarse';
}

/**
 * Loads CIFAR-100 (Keras' `cifar100.load_data(label_mode)`): 50,000 training and 10,000 test
 * 32x32 RGB images with fine (100 classes) or coarse (20 superclasses) labels, from the binary
 * archive (`cifar-100-binary.tar.gz`, MD5 verified; `<dir>/cifar100/` offline).
 *
 * @example
 * ```ts
 * const { train, classNames } = await loadCifar100({ labelMode: 'coarse' });
 * console.log(classNames.length); // 20
 * ```
 */
export async function loadCifar100(options: LoadCifar100Options = {}): Promise<CifarData> {
  const labelMode = checkOneOf('loadCifar100', 'labelMode', options.labelMode ?? 'fine', ['fine', 'coarse']);
  return loadCifarArchive(cifar100Spec(labelMode), options);
}

/** CIFAR-10, Keras style: `cifar10.load()` is {@link loadCifar10}. */
export const cifar10 = { load: loadCifar10 } as const;

/** CIFAR-100, Keras style: `cifar100.load({ labelMode })` is {@link loadCifar100}. */
export const cifar100 = { load: loadCifar100 } as const;
