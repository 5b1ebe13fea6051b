import type { DatasetFileSpec } from '../mnist/files.js';

/** Where CIFAR's binary archives are published (the dataset authors' page). */
export const CIFAR_MIRRORS: readonly string[] = ['https://www.cs.toronto.edu/~kriz/'];

/** CIFAR-10's binary archive (162 MB) and its published MD5. */
export const CIFAR10_FILE = { name: 'cifar-10-binary.tar.gz', md5: 'c32a1d4ab5d03f1284b67883e8d87530' } as const satisfies DatasetFileSpec;

/** CIFAR-100's binary archive (161 MB) and its published MD5. */
export const CIFAR100_FILE = { name: 'cifar-100-binary.tar.gz', md5: '03b5dce01913d631647c71ecec9e9cb8' } as const satisfies DatasetFileSpec;

/** The folder names datasets are kept under (`<dir>/cifar10/<archive>`). */
export const CIFAR10_DATASET = 'cifar10';
export const CIFAR100_DATASET = 'cifar100';

/** The members of the CIFAR-10 archive read. */
export const CIFAR10_MEMBERS = {
  train: [1, 2, 3, 4, 5].map((i) => `cifar-10-batches-bin/data_batch_${i}.bin`),
  test: ['cifar-10-batches-bin/test_batch.bin'],
  classNames: 'cifar-10-batches-bin/batches.meta.txt',
} as const;

/** The members of the CIFAR-100 archive read. */
export const CIFAR100_MEMBERS = {
  train: ['cifar-100-binary/train.bin'],
  test: ['cifar-100-binary/test.bin'],
  fine: 'cifar-100-binary/fine_label_names.txt',
  coarse: 'cifar-100-binary/coarse_label_names.txt',
} as const;
