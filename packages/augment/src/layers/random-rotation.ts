import type { ConfigDict, SeededRandom } from '@layerwise/core';
import { rotation, type Matrix3 } from '../geometry/matrix.js';
import { checkRange, uniform, type Range, type RangeOption } from '../validate/ranges.js';
import { AffineLayer, type AffineLayerArgs } from './affine-layer.js';

/** Arguments of {@link RandomRotation}. */
export interface RandomRotationArgs extends AffineLayerArgs {
  /** Fraction of a full turn: `f` gives angles in `[-f * 2π, f * 2π]`, `[low, high]` in `[low * 2π, high * 2π]`; positive turns counter-clockwise. */
  factor: RangeOption;
}

/** Turns each image by a random angle while training (Keras 3's `RandomRotation`); the identity at inference. */
export class RandomRotation extends AffineLayer {
  static override readonly className = 'RandomRotation';
  readonly factor: Range;

  constructor(args: RandomRotationArgs) {
    super(args);
    this.factor = checkRange(this.owner, 'factor', args.factor);
  }

  protected drawMatrix(random: SeededRandom): Matrix3 {
    // Output-to-input matrix of a counter-clockwise turn on screen (rows grow downwards).
    return rotation(-uniform(this.factor, () => random.next()) * 2 * Math.PI);
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), factor: [...this.factor] };
  }
}

/** Creates a {@link RandomRotation} layer. */
export const randomRotation = (args: RandomRotationArgs): RandomRotation => new RandomRotation(args);
