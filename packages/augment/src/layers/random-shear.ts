import type { ConfigDict, SeededRandom } from '@layerwise/core';
import type { Matrix3 } from '../geometry/matrix.js';
import { checkRange, uniform, type Range, type RangeOption } from '../validate/ranges.js';
import { AffineLayer, type AffineLayerArgs } from './affine-layer.js';

/** Arguments of {@link RandomShear}. */
export interface RandomShearArgs extends AffineLayerArgs {
  /** Horizontal shear, a fraction of the width moved per unit of height: `f` draws from `[0, f]`, `[low, high]` from that range, with a random sign. Default 0. */
  xFactor?: RangeOption;
  /** Vertical shear, as `xFactor`. Default 0. */
  yFactor?: RangeOption;
}

/** Shears each image by a random amount while training (Keras 3's `RandomShear`); the identity at inference. */
export class RandomShear extends AffineLayer {
  static override readonly className = 'RandomShear';
  readonly xFactor: Range;
  readonly yFactor: Range;

  constructor(args: RandomShearArgs) {
    super(args);
    const check = (name: string, value: unknown) => checkRange(this.owner, name, value, { min: 0 }, (r) => [0, r]);
    this.xFactor = check('xFactor', args.xFactor ?? 0);
    this.yFactor = check('yFactor', args.yFactor ?? 0);
  }

  protected drawMatrix(random: SeededRandom): Matrix3 {
    const draw = (range: Range) => uniform(range, () => random.next()) * (random.next() < 0.5 ? -1 : 1);
    const x = draw(this.xFactor);
    const y = draw(this.yFactor);
    // Output (row, col) samples input (row + y * col, col + x * row), about the centre.
    return [1, y, 0, x, 1, 0, 0, 0, 1];
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), x_factor: [...this.xFactor], y_factor: [...this.yFactor] };
  }
}

/** Creates a {@link RandomShear} layer. */
export const randomShear = (args: RandomShearArgs = {}): RandomShear => new RandomShear(args);
