import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkBoolean, checkNumber, checkOneOf, checkOptions, invalidArgument, LayerwiseError, SeededRandom, type Batch } from '@layerwise/core';
import type { Dataset } from '../pipeline/dataset.js';
import { checkImageSize, resolveCommonOptions, type CommonImageOptions } from './common-options.js';
import type { ColorMode, Interpolation } from './decode-image.js';
import { nodeDirectory, type DirectorySource } from './directory-source.js';
import { decodedImages, type DecodedImagesSpec } from './image-batches.js';
import { listImageFiles, type ImageFile } from './list-files.js';

/** Options of {@link imageDatasetFromDirectory}, as Keras 3 names them (camelCase). */
export interface ImageDatasetOptions extends CommonImageOptions {
  /** `'inferred'` (default: class = sub-folder), `null` (images only), or one integer label per file in sorted order. */
  labels?: 'inferred' | null | readonly number[];
  /** `'int'` (default), `'categorical'` (one-hot), `'binary'` (float 0/1 `[n, 1]`, two classes), or `null` (no labels). */
  labelMode?: 'int' | 'categorical' | 'binary' | null;
  /** The sub-folders to use, in label order (default: all, alphabetical). Only with inferred labels. */
  classNames?: readonly string[];
  /** `'grayscale'` (1 channel), `'rgb'` (default, 3), `'rgba'` (4). */
  colorMode?: ColorMode;
  /** Images per batch (default 32); `null` yields single images. */
  batchSize?: number | null;
  /** `[height, width]`, default `[256, 256]`. */
  imageSize?: readonly [number, number];
  /** Visit the files in a new random order every epoch. Default true. */
  shuffle?: boolean;
  /** Seed of the shuffling and of the validation split (needed with both). */
  seed?: number;
  /** Fraction of the files held out for validation, in (0, 1); needs `subset`. */
  validationSplit?: number;
  /** Which part to return with `validationSplit`: `'training'`, `'validation'`, or `'both'` (a pair). */
  subset?: 'training' | 'validation' | 'both';
  /** `'bilinear'` (default), `'nearest'`, `'bicubic'`, `'area'`, `'lanczos3'` or `'mitchellcubic'`. */
  interpolation?: Interpolation;
  /** Follow symbolic links to folders. Default false (links to files are always read). */
  followLinks?: boolean;
  /** Centre-crop to the target aspect ratio instead of stretching. Default false. */
  cropToAspectRatio?: boolean;
  /** Pad with black to the target aspect ratio instead of stretching. Default false. */
  padToAspectRatio?: boolean;
  /** An unreadable or truncated image: `'error'` (default) raises an error naming it; `'skip'` leaves it out and warns with a count at the end of the pass. */
  onError?: 'error' | 'skip';
  /** Images decoded at the same time. Default 4. */
  concurrency?: number;
  /** Print `Found N files belonging to C classes.` (and the split's counts), as Keras does. Default true. */
  verbose?: boolean;
}

/** A dataset of image batches with what Keras attaches to it. */
export type ImageDataset = Dataset<Batch> & { readonly classNames: string[]; readonly filePaths: string[] };

const OWNER = 'imageDatasetFromDirectory';

const KNOWN = [
  'labels', 'labelMode', 'classNames', 'colorMode', 'batchSize', 'imageSize', 'shuffle', 'seed', 'validationSplit', 'subset',
  'interpolation', 'followLinks', 'cropToAspectRatio', 'padToAspectRatio', 'onError', 'concurrency', 'verbose',
] as const;

function checkLabels(owner: string, value: unknown): 'inferred' | null | readonly number[] {
  if (value === 'inferred' || value === null) return value;
  if (Array.isArray(value) && value.every((l) => Number.isInteger(l) && l >= 0)) return value as number[];
  throw invalidArgument({ owner, argument: 'labels', expected: "'inferred', null, or an array of class indices (integers >= 0)", received: value });
}

/**
 * Keras' `image_dataset_from_directory`: a dataset of `{ x, y }` batches from a folder with one
 * sub-folder per class (images at any depth; bmp, gif, jpeg, jpg, png in any case). Images are
 * decoded with sharp (Node), resized to `imageSize`, as float32 values in [0, 255]. With
 * `validationSplit` the files are shuffled once by the seed and the last fraction is the
 * validation subset, as in Keras. Each iteration is one epoch; tensors are created as batches are
 * reached and belong to the consumer (`fit` disposes them).
 *
 * @example
 * ```ts
 * const [train, validation] = await imageDatasetFromDirectory('hymenoptera/train', {
 *   imageSize: [150, 150], batchSize: 32, validationSplit: 0.2, subset: 'both', seed: 1,
 * });
 * console.log(train.classNames); // ['ants', 'bees']
 * ```
 */
export async function imageDatasetFromDirectory(dir: string, options: ImageDatasetOptions & { subset: 'both' }): Promise<[ImageDataset, ImageDataset]>;
export async function imageDatasetFromDirectory(dir: string, options?: ImageDatasetOptions): Promise<ImageDataset>;
export async function imageDatasetFromDirectory(dir: string, options: ImageDatasetOptions = {}): Promise<ImageDataset | [ImageDataset, ImageDataset]> {
  return imageDatasetFromSource(OWNER, (followLinks) => nodeDirectory(dir, followLinks, OWNER), options);
}

/**
 * The body of `imageDatasetFromDirectory` for any folder tree: `open` gives the tree (a folder on
 * disk, a browser `FileList` or directory handle) once the options are checked; `decoder` decodes
 * one file (default: sharp, from its path).
 */
export async function imageDatasetFromSource(
  owner: string,
  open: (followLinks: boolean) => Promise<DirectorySource>,
  options: ImageDatasetOptions,
  decoder?: DecodedImagesSpec['decoder'],
): Promise<ImageDataset | [ImageDataset, ImageDataset]> {
  const OWNER = owner;
  checkOptions(OWNER, options, KNOWN);
  const common = resolveCommonOptions(OWNER, options, 'bilinear');
  const labels = checkLabels(OWNER, options.labels === undefined ? 'inferred' : options.labels);
  const labelMode = labels === null ? null : checkOneOf(OWNER, 'labelMode', options.labelMode === undefined ? 'int' : options.labelMode, ['int', 'categorical', 'binary', null] as never[]) as 'int' | 'categorical' | 'binary' | null;
  const imageSize = checkImageSize(OWNER, 'imageSize', options.imageSize ?? [256, 256]);
  const cropToAspectRatio = checkBoolean(OWNER, 'cropToAspectRatio', options.cropToAspectRatio ?? false);
  const padToAspectRatio = checkBoolean(OWNER, 'padToAspectRatio', options.padToAspectRatio ?? false);
  const verbose = checkBoolean(OWNER, 'verbose', options.verbose ?? true);
  if (cropToAspectRatio && padToAspectRatio) throw new LayerwiseError(`${OWNER}: cropToAspectRatio and padToAspectRatio cannot both be true`);
  if (options.classNames !== undefined && labels !== 'inferred') {
    throw new LayerwiseError(`${OWNER}: classNames can only be given with labels 'inferred'. Received: labels=${JSON.stringify(labels)}`);
  }
  const { seed, shuffle } = common;
  if (options.validationSplit !== undefined) {
    checkNumber(OWNER, 'validationSplit', options.validationSplit, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
    checkOneOf(OWNER, 'subset', options.subset, ['training', 'validation', 'both']);
    if (shuffle && seed === undefined) {
      throw new LayerwiseError(`${OWNER}: validationSplit with shuffle needs a seed, so the training and validation subsets do not overlap`);
    }
  } else if (options.subset !== undefined) {
    throw new LayerwiseError(`${OWNER}: subset '${options.subset}' needs validationSplit`);
  }

  const source = await open(common.followLinks);
  const { files, classNames } = await listImageFiles(source, { labels, owner: OWNER, ...(options.classNames && { classNames: options.classNames }) });
  if (labelMode === 'binary' && classNames.length !== 2) {
    throw new LayerwiseError(`${OWNER}: labelMode 'binary' needs exactly 2 classes, found ${classNames.length} (${classNames.join(', ')})`);
  }
  if (verbose) console.log(`Found ${files.length} files${labels === null ? '' : ` belonging to ${classNames.length} classes`}.`);

  const encode = (y: Tensor | number): Tensor =>
    labelMode === 'categorical'
      ? tf.cast(tf.oneHot(tf.cast(y, 'int32'), classNames.length), 'float32')
      : labelMode === 'binary'
        ? tf.reshape(tf.cast(y, 'float32'), common.batchSize === null ? [1] : [-1, 1])
        : tf.cast(y, 'int32');
  const make = (subset: ImageFile[]): ImageDataset => {
    const images = decodedImages({
      owner: OWNER,
      files: subset,
      decode: { imageSize, colorMode: common.colorMode, interpolation: common.interpolation, cropToAspectRatio, padToAspectRatio },
      shuffle,
      seed,
      batchSize: common.batchSize,
      concurrency: common.concurrency,
      onError: common.onError,
      ...(decoder && { decoder }),
    });
    const batches = images.map(({ x, y }): Batch => (labelMode === null ? { x } : { x, y: encode(y) }));
    return Object.assign(batches, { classNames, filePaths: subset.map((f) => f.path) });
  };
  if (options.validationSplit === undefined) return make(files);
  const order = shuffle ? new SeededRandom(seed).shuffle([...files]) : files;
  const nVal = Math.floor(options.validationSplit * order.length);
  const training = order.slice(0, order.length - nVal);
  const validation = order.slice(order.length - nVal);
  if (verbose && options.subset !== 'validation') console.log(`Using ${training.length} files for training.`);
  if (verbose && options.subset !== 'training') console.log(`Using ${validation.length} files for validation.`);
  if (options.subset === 'both') return [make(training), make(validation)];
  return make(options.subset === 'training' ? training : validation);
}
