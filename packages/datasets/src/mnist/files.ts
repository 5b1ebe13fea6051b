/** A file of a dataset: its name on the mirrors and on disk, and its published MD5. */
export interface DatasetFileSpec {
  readonly name: string;
  readonly md5: string;
}

/** The dataset name MNIST files are kept under (`<dir>/mnist/<file>`). */
export const MNIST_DATASET = 'mnist';

/** The public MNIST mirrors, tried in order. */
export const MNIST_MIRRORS: readonly string[] = [
  'https://storage.googleapis.com/cvdf-datasets/mnist/',
  'https://ossci-datasets.s3.amazonaws.com/mnist/',
];

/** The four MNIST files and their published MD5 checksums. */
export const MNIST_FILES = {
  trainImages: { name: 'train-images-idx3-ubyte.gz', md5: 'f68b3c2dcbeaaa9fbdd348bbdeb94873' },
  trainLabels: { name: 'train-labels-idx1-ubyte.gz', md5: 'd53e105ee54ea40749a09fcbcd1e9432' },
  testImages: { name: 't10k-images-idx3-ubyte.gz', md5: '9fb629c4189551a2d022fa330f9573f3' },
  testLabels: { name: 't10k-labels-idx1-ubyte.gz', md5: 'ec29112dd5afa0611ce80d1b7f02629c' },
} as const satisfies Record<string, DatasetFileSpec>;
