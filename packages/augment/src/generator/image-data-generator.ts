import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { checkInteger, LayerwiseError, SeededRandom } from '@layerwise/core';
import { checkImages } from '../validate/images.js';
import { applyParams } from './apply-params.js';
import { flowTensors, type ArrayFlow, type FlowOptions } from './flow.js';
import { augments, OWNER, resolveGeneratorOptions, type ImageDataGeneratorOptions, type ResolvedGeneratorOptions } from './options.js';
import { featurewiseStats, standardize, type FeaturewiseStats } from './standardize.js';
import { drawTransformParams, NO_TRANSFORM, type TransformParams } from './transform-params.js';

/**
 * Keras' `ImageDataGenerator` on batched tensor ops: random geometry (one affine transform per image
 * through `tf.image.transform`), flips, channel shifts and brightness, then `rescale` and the
 * normalisations. Use it with {@link flow} over tensors, or pass it as `flowFromDirectory`'s
 * `augment` (it implements `augment(images, seed)`). A generator with no augmentation options only
 * standardises: what validation data goes through.
 *
 * Images are `[batch, height, width, channels]` with pixels in [0, 255] before `rescale`.
 */
export class ImageDataGenerator {
  /** The checked options (with Keras' implications: std normalisation turns centring on). */
  readonly options: ResolvedGeneratorOptions;
  private stats: FeaturewiseStats | undefined;
  private readonly random: SeededRandom;

  constructor(options: ImageDataGeneratorOptions = {}) {
    this.options = resolveGeneratorOptions(options);
    this.random = new SeededRandom(this.options.seed);
  }

  /** Whether the generator changes images at random (false for a rescale-only, validation generator). */
  get augments(): boolean {
    return augments(this.options);
  }

  /** The per-channel statistics from {@link fit}, if it ran. */
  get featurewise(): FeaturewiseStats | undefined {
    return this.stats;
  }

  /**
   * Computes the per-channel mean and standard deviation of `images` (after `rescale`) that
   * `featurewiseCenter` and `featurewiseStdNormalization` use, as Keras' `fit(x)`.
   */
  fit(images: Tensor4D): void {
    this.stats = featurewiseStats(checkImages(`${OWNER}.fit`, 'images', images), this.options.rescale);
  }

  /**
   * One image's random transformation for an image of `height` x `width` (Keras'
   * `get_random_transform`); with `seed`, reproducible, else drawn from the generator's own sequence.
   */
  randomTransform(height: number, width: number, seed?: number): TransformParams {
    const random = seed === undefined ? this.random : new SeededRandom(checkInteger(OWNER, 'seed', seed, 0));
    return drawTransformParams(this.options, checkInteger(OWNER, 'height', height), checkInteger(OWNER, 'width', width), random);
  }

  /**
   * Applies given transformations to `images` (one per image, or one for all): Keras'
   * `apply_transform`, without standardisation. Partial params leave the rest unchanged. Returns a new tensor.
   */
  applyTransform(images: Tensor4D, params: Partial<TransformParams> | readonly Partial<TransformParams>[]): Tensor4D {
    const x = checkImages(`${OWNER}.applyTransform`, 'images', images);
    const list = Array.isArray(params) ? params : Array.from({ length: x.shape[0] }, () => params as Partial<TransformParams>);
    if (list.length !== x.shape[0]) {
      throw new LayerwiseError(`${OWNER}.applyTransform: received ${list.length} transformations for ${x.shape[0]} images`);
    }
    return tf.tidy(() => applyParams(tf.cast(x, 'float32'), list.map((p) => ({ ...NO_TRANSFORM, ...p })), this.options.sampling));
  }

  /** `rescale`, then the samplewise and featurewise normalisations (Keras' `standardize`). Returns a new tensor. */
  standardize(images: Tensor4D): Tensor4D {
    const x = checkImages(`${OWNER}.standardize`, 'images', images);
    const { featurewiseCenter, featurewiseStdNormalization } = this.options;
    if ((featurewiseCenter || featurewiseStdNormalization) && !this.stats) {
      throw new LayerwiseError(
        `${OWNER}: featurewiseCenter${featurewiseStdNormalization ? ' and featurewiseStdNormalization need' : ' needs'} the dataset's statistics: call fit(trainingImages) first`,
      );
    }
    return standardize(x, this.options, this.stats);
  }

  /**
   * A random transformation of every image of the batch, drawn from `seed`, then {@link standardize}:
   * the `augment` hook of `flowFromDirectory` (`flowFromDirectory(dir, { augment: generator })`).
   * Does not dispose `images`; returns a new tensor.
   */
  augment(images: Tensor4D, seed: number): Tensor4D {
    const x = checkImages(`${OWNER}.augment`, 'images', images);
    const [n, height, width] = x.shape;
    const random = new SeededRandom(checkInteger(OWNER, 'seed', seed, 0));
    return tf.tidy(() => {
      const moved = this.augments
        ? applyParams(tf.cast(x, 'float32'), Array.from({ length: n }, () => drawTransformParams(this.options, height, width, random)), this.options.sampling)
        : x;
      return this.standardize(moved);
    });
  }

  /**
   * Batches over `x` (and `y`) for `fit`, augmented and standardised batch by batch, each iteration
   * one epoch (Keras' `flow(x, y)`).
   *
   * @example
   * ```ts
   * const gen = imageDataGenerator({ rotationRange: 40, horizontalFlip: true, rescale: 1 / 255, seed: 1 });
   * await model.fit(gen.flow(xTrain, yTrain, { batchSize: 32 }), { epochs: 10 });
   * ```
   */
  flow(x: Tensor4D, y?: Tensor, options: FlowOptions = {}): ArrayFlow {
    const images = checkImages(`${OWNER}.flow`, 'x', x);
    if (y !== undefined && !(y instanceof tf.Tensor)) throw new LayerwiseError(`${OWNER}.flow: \`y\` must be a tensor; received ${typeof y}`);
    return flowTensors(`${OWNER}.flow`, images, y, options, this.options.seed, (batch, seed) => this.augment(batch, seed));
  }
}

/**
 * Creates an {@link ImageDataGenerator}: Keras' `ImageDataGenerator(...)`.
 *
 * @example The book's training and validation generators
 * ```ts
 * const trainGen = imageDataGenerator({
 *   rescale: 1 / 255, rotationRange: 40, widthShiftRange: 0.2, heightShiftRange: 0.2,
 *   shearRange: 0.2, zoomRange: 0.2, horizontalFlip: true, fillMode: 'nearest', seed: 1,
 * });
 * const validationGen = imageDataGenerator({ rescale: 1 / 255 });
 * const train = await flowFromDirectory('train', { targetSize: [150, 150], classMode: 'binary', augment: trainGen });
 * ```
 */
export const imageDataGenerator = (options: ImageDataGeneratorOptions = {}): ImageDataGenerator => new ImageDataGenerator(options);
