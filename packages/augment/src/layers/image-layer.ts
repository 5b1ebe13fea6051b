import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { formatShape, LayerwiseError, SeededRandom, type ConfigDict, type Shape } from '@layerwise/core';
import { Layer, type CallContext, type LayerArgs } from '@layerwise/layers';

/** Arguments of every random preprocessing layer. */
export interface RandomLayerArgs extends LayerArgs {
  /** Makes the random draws reproducible: the same seed gives the same images. */
  seed?: number;
}

/**
 * The base of the image preprocessing layers: takes one image `[h, w, c]` or a batch
 * `[n, h, w, c]` (as `Dataset.map` or a model gives it), computes on float32 batches and returns
 * the same rank.
 */
export abstract class ImageLayer extends Layer {
  /** How errors name the layer: `RandomFlip "random_flip"`. */
  protected get owner(): string {
    return `${this.className} "${this.name}"`;
  }

  /** The layer on a float32 batch; `training` as `call` received it. Returns a new tensor. */
  protected abstract transformBatch(images: Tensor4D, training: boolean): Tensor4D;

  call(x: Tensor, { training }: CallContext): Tensor {
    if (x.rank !== 3 && x.rank !== 4) {
      throw new LayerwiseError(`${this.owner}: expected images [height, width, channels] or a batch [batch, height, width, channels]; received shape ${formatShape(x.shape)}`);
    }
    return tf.tidy(() => {
      const batch = (x.rank === 3 ? tf.expandDims(x, 0) : x) as Tensor4D;
      const out = this.transformBatch(tf.cast(batch, 'float32'), training);
      return x.rank === 3 ? tf.squeeze(out, [0]) : out;
    });
  }
}

/**
 * A preprocessing layer that changes images at random while training and is the identity at
 * inference (Keras 3's random layers). Each training call draws new values from its seeded generator.
 */
export abstract class RandomImageLayer extends ImageLayer {
  readonly seed: number | undefined;
  protected readonly random: SeededRandom;

  constructor(args: RandomLayerArgs) {
    super(args);
    this.seed = args.seed;
    this.random = new SeededRandom(args.seed);
  }

  /** The random change on a float32 batch. */
  protected abstract randomBatch(images: Tensor4D): Tensor4D;

  protected transformBatch(images: Tensor4D, training: boolean): Tensor4D {
    return training ? this.randomBatch(images) : tf.clone(images);
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), seed: this.seed ?? null };
  }
}

/** The output shape of a layer that makes `height` x `width` images from `inputShape` (rank 3 or 4). */
export function resizedShape(inputShape: Shape, height: number, width: number): Shape {
  const s = [...inputShape];
  s[s.length - 3] = height;
  s[s.length - 2] = width;
  return s;
}
