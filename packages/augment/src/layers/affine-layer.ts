import type { Tensor4D } from '@tensorflow/tfjs-core';
import type { ConfigDict, SeededRandom } from '@layerwise/core';
import { resolveSampling, type FillMode, type Interpolation, type Sampling } from '../geometry/fill-mode.js';
import { aboutCentre, type Matrix3 } from '../geometry/matrix.js';
import { transformImages } from '../geometry/transform-images.js';
import { RandomImageLayer, type RandomLayerArgs } from './image-layer.js';

/** Arguments of the random geometric layers (Keras 3's defaults: reflect, bilinear, 0). */
export interface AffineLayerArgs extends RandomLayerArgs {
  /** Points outside the image: `'reflect'` (default), `'wrap'`, `'constant'` or `'nearest'`. */
  fillMode?: FillMode;
  /** `'bilinear'` (default) or `'nearest'`. */
  interpolation?: Interpolation;
  /** The value outside the image with `fillMode: 'constant'`. Default 0. */
  fillValue?: number;
}

/** A random geometric layer: one matrix per image (about the image centre), applied in one `tf.image.transform`. */
export abstract class AffineLayer extends RandomImageLayer {
  readonly sampling: Sampling;

  constructor(args: AffineLayerArgs) {
    super(args);
    this.sampling = resolveSampling(this.owner, args, { fillMode: 'reflect', fillValueName: 'fillValue' });
  }

  /** One image's matrix, relative to the image centre (output to input). */
  protected abstract drawMatrix(random: SeededRandom, height: number, width: number): Matrix3;

  protected randomBatch(images: Tensor4D): Tensor4D {
    const [n, height, width] = images.shape;
    const matrices = Array.from({ length: n }, () => aboutCentre(this.drawMatrix(this.random, height, width), height, width));
    return transformImages(images, matrices, this.sampling);
  }

  override getConfig(): ConfigDict {
    const { fillMode, interpolation, fillValue } = this.sampling;
    return { ...super.getConfig(), fill_mode: fillMode, interpolation, fill_value: fillValue };
  }
}
