import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { checkBoolean, checkInteger, checkOptions, formatShape, LayerwiseError, SeededRandom, type Batch } from '@layerwise/core';

/** Options of {@link ImageDataGenerator.flow}. */
export interface FlowOptions {
  /** Images per batch. Default 32. */
  batchSize?: number;
  /** Visit the images in a new random order every epoch. Default true. */
  shuffle?: boolean;
  /** Seed of the order and of the augmentation (default: the generator's seed). */
  seed?: number;
}

/** Batches over tensors, one epoch per iteration, as Keras' `NumpyArrayIterator`. */
export interface ArrayFlow extends Iterable<Batch> {
  /** Images per epoch. */
  readonly samples: number;
  /** Batches per epoch (`ceil(samples / batchSize)`). */
  readonly steps: number;
  readonly batchSize: number;
}

/** Turns a batch of images into the batch `fit` receives (augmented and standardised), given a seed. */
export type BatchTransform = (images: Tensor4D, seed: number) => Tensor4D;

const KNOWN = ['batchSize', 'shuffle', 'seed'] as const;

/**
 * Batches of `x` (and `y`), each passed through `transform`. Every iteration is one epoch; the
 * order and the seeds come from one generator seeded with `seed`, so a fresh flow with the same seed
 * yields the same batches. The batches belong to the consumer (`fit` disposes them).
 */
export function flowTensors(owner: string, x: Tensor4D, y: Tensor | undefined, options: FlowOptions, defaultSeed: number | undefined, transform: BatchTransform): ArrayFlow {
  checkOptions(owner, options, KNOWN);
  const batchSize = checkInteger(owner, 'batchSize', options.batchSize ?? 32);
  const shuffle = checkBoolean(owner, 'shuffle', options.shuffle ?? true);
  const seed = options.seed ?? defaultSeed;
  if (seed !== undefined) checkInteger(owner, 'seed', seed, 0);
  const samples = x.shape[0];
  if (y !== undefined && y.shape[0] !== samples) {
    throw new LayerwiseError(`${owner}: \`x\` and \`y\` must hold as many samples; received x of shape ${formatShape(x.shape)} and y of shape ${formatShape(y.shape)}`);
  }
  const random = new SeededRandom(seed);
  return {
    samples,
    batchSize,
    steps: Math.ceil(samples / batchSize),
    *[Symbol.iterator](): Iterator<Batch> {
      const order = shuffle ? random.permutation(samples) : Int32Array.from({ length: samples }, (_, i) => i);
      for (let start = 0; start < samples; start += batchSize) {
        const batchSeed = random.nextSeed();
        const batch = tf.tidy(() => {
          const indices = tf.tensor1d(order.subarray(start, start + batchSize), 'int32');
          const images = transform(tf.gather(x, indices) as Tensor4D, batchSeed);
          return y === undefined ? { x: images } : { x: images, y: tf.gather(y, indices) };
        });
        yield batch;
      }
    },
  };
}
