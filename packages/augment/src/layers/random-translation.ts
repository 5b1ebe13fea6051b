import type { ConfigDict, SeededRandom } from '@layerwise/core';
import { shift, type Matrix3 } from '../geometry/matrix.js';
import { checkRange, uniform, type Range, type RangeOption } from '../validate/ranges.js';
import { AffineLayer, type AffineLayerArgs } from './affine-layer.js';

/** Arguments of {@link RandomTranslation}. */
export interface RandomTranslationArgs extends AffineLayerArgs {
  /** Vertical shift as a fraction of the height, in [-1, 1]: `f` draws from `[-f, f]`; positive moves the image down. */
  heightFactor: RangeOption;
  /** Horizontal shift as a fraction of the width, in [-1, 1]; positive moves the image right. */
  widthFactor: RangeOption;
}

/** Shifts each image by a random fraction of its size while training (Keras 3's `RandomTranslation`); the identity at inference. */
export class RandomTranslation extends AffineLayer {
  static override readonly className = 'RandomTranslation';
  readonly heightFactor: Range;
  readonly widthFactor: Range;

  constructor(args: RandomTranslationArgs) {
    super(args);
    this.heightFactor = checkRange(this.owner, 'heightFactor', args.heightFactor, { min: -1, max: 1 });
    this.widthFactor = checkRange(this.owner, 'widthFactor', args.widthFactor, { min: -1, max: 1 });
  }

  protected drawMatrix(random: SeededRandom, height: number, width: number): Matrix3 {
    const down = uniform(this.heightFactor, () => random.next()) * height;
    const right = uniform(this.widthFactor, () => random.next()) * width;
    return shift(-down, -right);
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), height_factor: [...this.heightFactor], width_factor: [...this.widthFactor] };
  }
}

/** Creates a {@link RandomTranslation} layer. */
export const randomTranslation = (args: RandomTranslationArgs): RandomTranslation => new RandomTranslation(args);
