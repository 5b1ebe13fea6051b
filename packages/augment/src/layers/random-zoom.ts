import type { ConfigDict, SeededRandom } from '@layerwise/core';
import { zoom, type Matrix3 } from '../geometry/matrix.js';
import { checkRange, uniform, type Range, type RangeOption } from '../validate/ranges.js';
import { AffineLayer, type AffineLayerArgs } from './affine-layer.js';

/** Arguments of {@link RandomZoom}. */
export interface RandomZoomArgs extends AffineLayerArgs {
  /**
   * Vertical zoom as a fraction: `f` draws from `[-f, f]`, `[low, high]` from that range; the zoom
   * factor is `1 + value`, positive values zoom out, negative zoom in; values must be above -1.
   */
  heightFactor: RangeOption;
  /** Horizontal zoom, as `heightFactor`; default: the vertical zoom (the aspect ratio is kept). */
  widthFactor?: RangeOption;
}

/** Zooms each image in or out at random while training (Keras 3's `RandomZoom`); the identity at inference. */
export class RandomZoom extends AffineLayer {
  static override readonly className = 'RandomZoom';
  readonly heightFactor: Range;
  readonly widthFactor: Range | undefined;

  constructor(args: RandomZoomArgs) {
    super(args);
    // A factor of -1 or less would zoom by 0 or less.
    const check = (name: string, value: unknown) => checkRange(this.owner, name, value, { min: -1, minExclusive: true });
    this.heightFactor = check('heightFactor', args.heightFactor);
    this.widthFactor = args.widthFactor === undefined ? undefined : check('widthFactor', args.widthFactor);
  }

  protected drawMatrix(random: SeededRandom): Matrix3 {
    const rows = 1 + uniform(this.heightFactor, () => random.next());
    const cols = this.widthFactor ? 1 + uniform(this.widthFactor, () => random.next()) : rows;
    return zoom(rows, cols);
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), height_factor: [...this.heightFactor], width_factor: this.widthFactor ? [...this.widthFactor] : null };
  }
}

/** Creates a {@link RandomZoom} layer. */
export const randomZoom = (args: RandomZoomArgs): RandomZoom => new RandomZoom(args);
