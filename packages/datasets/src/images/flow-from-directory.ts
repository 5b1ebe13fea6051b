import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { checkBoolean, checkInteger, checkNumber, checkOneOf, checkOptions, invalidArgument, LayerwiseError, SeededRandom, type Batch } from '@layerwise/core';
import type { Dataset } from '../pipeline/dataset.js';
import { applyAugment, isImageAugment, type ImageAugment } from './augment.js';
import { checkImageSize, resolveCommonOptions } from './common-options.js';
import type { ColorMode, Interpolation } from './decode-image.js';
import { nodeDirectory } from './directory-source.js';
import { decodedImages } from './image-batches.js';
import { listImageFiles, type ImageFile } from './list-files.js';

/** What a batch's `y` holds, as Keras 2's `class_mode`. */
export type ClassMode = 'categorical' | 'binary' | 'sparse' | 'input' | null;

/** Options of {@link flowFromDirectory}, Keras 2's `flow_from_directory` arguments in camelCase. */
export interface FlowFromDirectoryOptions {
  /** `[height, width]` every image is resized to. Default `[256, 256]`. */
  targetSize?: readonly [number, number];
  /** `'grayscale'`, `'rgb'` (default) or `'rgba'`. */
  colorMode?: ColorMode;
  /** The class sub-folders to use, in label order. Default: every sub-folder, alphabetical. */
  classes?: readonly string[];
  /**
   * `'categorical'` (default): one-hot float32 `[n, classes]`; `'binary'`: float32 0/1 `[n]` (two
   * classes); `'sparse'`: float32 class indices `[n]`; `'input'`: `y` is a copy of `x` (autoencoders);
   * `null`: no `y`.
   */
  classMode?: ClassMode;
  /** Images per batch. Default 32. */
  batchSize?: number;
  /** Visit the images in a new random order every epoch. Default true. */
  shuffle?: boolean;
  /** Seed of the shuffling and of the augmentation seeds. */
  seed?: number;
  /** Default `'nearest'` (Keras 2's default); also `'bilinear'`, `'bicubic'`, `'area'`, `'lanczos3'`, `'mitchellcubic'`. */
  interpolation?: Interpolation;
  /** Centre-crop to the target's aspect ratio instead of stretching (Keras 2's `keep_aspect_ratio`). Default false. */
  keepAspectRatio?: boolean;
  /** Follow symbolic links to folders. Default false. */
  followLinks?: boolean;
  /** Hold out this fraction of each class (its first files, as Keras 2's `ImageDataGenerator(validation_split)`). */
  validationSplit?: number;
  /** With `validationSplit`: `'training'` (the rest of each class) or `'validation'`. */
  subset?: 'training' | 'validation';
  /** Multiplies the pixels after augmentation (`1 / 255` for [0, 1]), as `ImageDataGenerator(rescale)`. */
  rescale?: number;
  /** Random augmentation applied to every batch before `rescale`: a function or an object (see {@link ImageAugment}). */
  augment?: ImageAugment;
  /** An unreadable image: `'error'` (default) or `'skip'` (left out and counted in a warning). */
  onError?: 'error' | 'skip';
  /** Images decoded at the same time. Default 4. */
  concurrency?: number;
}

/** Batches from a folder of class sub-folders, with what Keras 2's `DirectoryIterator` tells about them. */
export type DirectoryFlow = Dataset<Batch> & {
  /** Class name to label (`{ cats: 0, dogs: 1 }`). */
  readonly classIndices: Readonly<Record<string, number>>;
  /** Images per epoch. */
  readonly samples: number;
  /** Batches per epoch (`ceil(samples / batchSize)`): Keras 2's `steps_per_epoch`. */
  readonly steps: number;
  readonly batchSize: number;
  readonly numClasses: number;
  /** Each image's path under the folder (`'cats/cat.1.jpg'`), in label order. */
  readonly filenames: readonly string[];
  /** Each image's label, in the order of `filenames`. */
  readonly classes: readonly number[];
};

const OWNER = 'flowFromDirectory';
const KNOWN = [
  'targetSize', 'colorMode', 'classes', 'classMode', 'batchSize', 'shuffle', 'seed', 'interpolation', 'keepAspectRatio', 'followLinks',
  'validationSplit', 'subset', 'rescale', 'augment', 'onError', 'concurrency',
] as const;

/** Keras 2's split: per class, the first `fraction` of its files for validation, the rest for training. */
function splitPerClass(files: readonly ImageFile[], fraction: number, subset: 'training' | 'validation'): ImageFile[] {
  const byClass = new Map<number, ImageFile[]>();
  for (const file of files) byClass.set(file.label, [...(byClass.get(file.label) ?? []), file]);
  return [...byClass.values()].flatMap((group) => {
    const cut = Math.floor(fraction * group.length);
    return subset === 'validation' ? group.slice(0, cut) : group.slice(cut);
  });
}

/**
 * Keras 2's (and R keras') `flow_from_directory`: batches of images from a folder with one
 * sub-folder per class, for `fit` as is — the generator form the classic books use. Each
 * iteration is one epoch of `steps` batches; `classIndices`, `samples`, `steps`, `filenames` and
 * `classes` describe it. Pixels are float32 in [0, 255] (times `rescale`), augmented batch by
 * batch with `augment`.
 *
 * @example
 * ```ts
 * const train = await flowFromDirectory('cats_and_dogs_small/train', {
 *   targetSize: [150, 150], batchSize: 20, classMode: 'binary', rescale: 1 / 255,
 * });
 * console.log(train.classIndices, train.steps); // { cats: 0, dogs: 1 } 100
 * await model.fit(train, { epochs: 30 });
 * ```
 */
export async function flowFromDirectory(dir: string, options: FlowFromDirectoryOptions = {}): Promise<DirectoryFlow> {
  checkOptions(OWNER, options, KNOWN);
  const common = resolveCommonOptions(OWNER, options, 'nearest');
  const batchSize = checkInteger(OWNER, 'batchSize', options.batchSize ?? 32);
  const targetSize = checkImageSize(OWNER, 'targetSize', options.targetSize ?? [256, 256]);
  const classMode = checkOneOf(OWNER, 'classMode', options.classMode === undefined ? 'categorical' : options.classMode, ['categorical', 'binary', 'sparse', 'input', null] as never[]) as ClassMode;
  const keepAspectRatio = checkBoolean(OWNER, 'keepAspectRatio', options.keepAspectRatio ?? false);
  const rescale = options.rescale === undefined ? undefined : checkNumber(OWNER, 'rescale', options.rescale);
  const augment = options.augment;
  if (augment !== undefined && !isImageAugment(augment)) {
    throw invalidArgument({ owner: OWNER, argument: 'augment', expected: 'a function (images, seed) => images, or an object with such an augment method', received: augment });
  }
  if (options.validationSplit !== undefined) {
    checkNumber(OWNER, 'validationSplit', options.validationSplit, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
    checkOneOf(OWNER, 'subset', options.subset, ['training', 'validation']);
  } else if (options.subset !== undefined) {
    throw new LayerwiseError(`${OWNER}: subset '${options.subset}' needs validationSplit`);
  }

  const source = await nodeDirectory(dir, common.followLinks, OWNER);
  const listing = await listImageFiles(source, { labels: 'inferred', owner: OWNER, ...(options.classes && { classNames: options.classes }) });
  const { classNames } = listing;
  if (classMode === 'binary' && classNames.length !== 2) {
    throw new LayerwiseError(`${OWNER}: classMode 'binary' needs exactly 2 classes, found ${classNames.length} (${classNames.join(', ')})`);
  }
  const files = options.validationSplit === undefined ? listing.files : splitPerClass(listing.files, options.validationSplit, options.subset!);
  if (files.length === 0) throw new LayerwiseError(`${OWNER}: the ${options.subset} subset of '${dir}' holds no images`);

  const images = decodedImages({
    owner: OWNER,
    files,
    decode: { imageSize: targetSize, colorMode: common.colorMode, interpolation: common.interpolation, cropToAspectRatio: keepAspectRatio, padToAspectRatio: false },
    shuffle: common.shuffle,
    seed: common.seed,
    batchSize,
    concurrency: common.concurrency,
    onError: common.onError,
  });
  const seeds = new SeededRandom(common.seed);
  const batches = images.mapAsync(async ({ x, y }): Promise<Batch> => {
    let pixels = x as Tensor4D;
    if (augment) pixels = await applyAugment(OWNER, augment, pixels, seeds.nextSeed());
    if (rescale !== undefined) {
      const scaled = tf.mul(pixels, rescale) as Tensor4D;
      pixels.dispose();
      pixels = scaled;
    }
    const labels = y as Tensor;
    if (classMode === null) return { x: pixels };
    if (classMode === 'input') return { x: pixels, y: tf.clone(pixels) };
    const encoded = classMode === 'categorical' ? tf.tidy(() => tf.cast(tf.oneHot(tf.cast(labels, 'int32'), classNames.length), 'float32')) : tf.cast(labels, 'float32');
    return { x: pixels, y: encoded };
  });
  return Object.assign(batches, {
    classIndices: Object.fromEntries(classNames.map((name, i) => [name, i])),
    samples: files.length,
    steps: Math.ceil(files.length / batchSize),
    batchSize,
    numClasses: classNames.length,
    filenames: files.map((f) => f.relativePath),
    classes: files.map((f) => f.label),
  });
}
