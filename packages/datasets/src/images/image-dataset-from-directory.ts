import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkInteger, checkNumber, invalidArgument, LayerwiseError, SeededRandom, type Batch } from '@layerwise/core';
import { Dataset } from '../pipeline/dataset.js';
import { fromArrays } from '../pipeline/sources.js';
import { decodeImageFile, INTERPOLATIONS, type ColorMode, type Interpolation } from './decode-image.js';
import { listImageFiles, type ImageFile } from './list-files.js';

/** Options of {@link imageDatasetFromDirectory}, as Keras 3 names them (camelCase). */
export interface ImageDatasetOptions {
  /** `'inferred'` (default: class = sub-folder), `null` (images only), or one integer label per file in sorted order. */
  labels?: 'inferred' | null | readonly number[];
  /** `'int'` (default), `'categorical'` (one-hot), `'binary'` (float 0/1, two classes), or `null`. */
  labelMode?: 'int' | 'categorical' | 'binary' | null;
  /** The sub-folders to use, in label order (default: all, alphabetical). */
  classNames?: readonly string[];
  /** Default `'rgb'`. */
  colorMode?: ColorMode;
  /** Images per batch (default 32); `null` yields single images. */
  batchSize?: number | null;
  /** `[height, width]`, default `[256, 256]`. */
  imageSize?: readonly [number, number];
  /** Shuffle the files (anew every epoch). Default true. */
  shuffle?: boolean;
  /** Seed of shuffling and of the validation split. */
  seed?: number;
  /** Fraction of the files held out for validation, in (0, 1). */
  validationSplit?: number;
  /** Which part to return when `validationSplit` is set. */
  subset?: 'training' | 'validation' | 'both';
  /** Default `'bilinear'`. */
  interpolation?: Interpolation;
  /** Follow symbolic links to folders. Default false. */
  followLinks?: boolean;
  /** Centre-crop to the target aspect ratio instead of stretching. */
  cropToAspectRatio?: boolean;
  /** Pad to the target aspect ratio instead of stretching. */
  padToAspectRatio?: boolean;
  /** An unreadable image: `'error'` (default) raises an error naming it; `'skip'` leaves it out and warns with a count at the end of the pass. */
  onError?: 'error' | 'skip';
  /** Images decoded at the same time. Default 4. */
  concurrency?: number;
}

/** A dataset of image batches with what Keras attaches to it. */
export type ImageDataset = Dataset<Batch> & { readonly classNames: string[]; readonly filePaths: string[] };

const OWNER = 'imageDatasetFromDirectory';

function choose<T extends string | null>(argument: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) throw invalidArgument({ owner: OWNER, argument, expected: `one of ${allowed.map(String).join(', ')}`, received: value });
  return value;
}

/**
 * Keras' `image_dataset_from_directory`: a dataset of `{ x, y }` batches from a folder with one
 * sub-folder per class. Images are decoded with sharp (Node), resized to `imageSize`, as float32
 * values in [0, 255]. With `validationSplit` and a seed, the files are shuffled once by the seed
 * and the last fraction is the validation subset, as in Keras.
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
  const labels = options.labels === undefined ? 'inferred' : options.labels;
  const labelMode = choose('labelMode', options.labelMode === undefined ? (labels === null ? null : 'int') : options.labelMode, ['int', 'categorical', 'binary', null]);
  const colorMode = choose('colorMode', options.colorMode ?? 'rgb', ['grayscale', 'rgb', 'rgba']);
  const interpolation = choose('interpolation', options.interpolation ?? 'bilinear', INTERPOLATIONS);
  const onError = choose('onError', options.onError ?? 'error', ['error', 'skip']);
  const imageSize = options.imageSize ?? [256, 256];
  imageSize.forEach((d, i) => checkInteger(OWNER, `imageSize[${i}]`, d));
  const batchSize = options.batchSize === null ? null : checkInteger(OWNER, 'batchSize', options.batchSize ?? 32);
  const concurrency = checkInteger(OWNER, 'concurrency', options.concurrency ?? 4);
  const shuffle = options.shuffle ?? true;
  if (options.cropToAspectRatio && options.padToAspectRatio) {
    throw new LayerwiseError(`${OWNER}: cropToAspectRatio and padToAspectRatio cannot both be true`);
  }
  const { files, classNames } = await listImageFiles(dir, {
    labels,
    followLinks: options.followLinks ?? false,
    ...(options.classNames ? { classNames: options.classNames } : {}),
  });
  if (labelMode === 'binary' && classNames.length !== 2) {
    throw new LayerwiseError(`${OWNER}: labelMode 'binary' needs exactly 2 classes, found ${classNames.length} (${classNames.join(', ')})`);
  }
  let order = files;
  const seed = options.seed;
  if (options.validationSplit !== undefined) {
    checkNumber(OWNER, 'validationSplit', options.validationSplit, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
    choose('subset', options.subset ?? null, ['training', 'validation', 'both']);
    if (shuffle && seed === undefined) {
      throw new LayerwiseError(`${OWNER}: validationSplit with shuffle needs a seed, so the training and validation subsets do not overlap`);
    }
  }
  if (shuffle && seed !== undefined) order = new SeededRandom(seed).shuffle([...files]);
  const make = (subsetFiles: ImageFile[]): ImageDataset => {
    let skipped: string[] = [];
    const decode = { imageSize, colorMode, interpolation, cropToAspectRatio: options.cropToAspectRatio ?? false, padToAspectRatio: options.padToAspectRatio ?? false };
    let ds: Dataset<ImageFile> = fromArrays(subsetFiles);
    if (shuffle) ds = ds.shuffle(subsetFiles.length, seed === undefined ? {} : { seed });
    let images = ds
      .mapAsync(async (file) => {
        try {
          return { file, x: await decodeImageFile(file.path, decode) as Tensor | undefined };
        } catch (error) {
          if (onError === 'error') throw error;
          skipped.push(file.path);
          return { file, x: undefined };
        }
      }, { concurrency })
      .filter((e) => e.x !== undefined)
      .map(({ file, x }) => (labelMode === null ? { x: x! } : { x: x!, y: file.label })) as Dataset<Batch>;
    if (batchSize !== null) images = images.batch(batchSize);
    const encodeLabels = (y: Tensor | number): Tensor =>
      labelMode === 'categorical'
        ? tf.oneHot(tf.cast(y, 'int32'), classNames.length)
        : labelMode === 'binary'
          ? tf.reshape(tf.cast(y, 'float32'), batchSize === null ? [1] : [-1, 1])
          : tf.cast(y, 'int32');
    const withLabels = labelMode === null ? images : images.map((b) => ({ x: b.x, y: encodeLabels(b.y!) }));
    const reported = new Dataset<Batch>(async function* () {
      skipped = [];
      yield* withLabels;
      if (skipped.length > 0) console.warn(`${OWNER}: skipped ${skipped.length} unreadable image(s): ${skipped.join(', ')}`);
    }, onError === 'skip' ? undefined : batchSize === null ? subsetFiles.length : Math.ceil(subsetFiles.length / batchSize));
    return Object.assign(reported, { classNames, filePaths: subsetFiles.map((f) => f.path) });
  };
  if (options.validationSplit === undefined) return make(order);
  const nVal = Math.floor(options.validationSplit * order.length);
  const training = make(order.slice(0, order.length - nVal));
  const validation = make(order.slice(order.length - nVal));
  if (options.subset === 'both') return [training, validation];
  return options.subset === 'training' ? training : validation;
}
