import type { ConfigDict } from '@layerwise/core';
import { checkPair, type Range, type RangeOption } from '../validate/ranges.js';
import { RandomImageLayer, type RandomLayerArgs } from './image-layer.js';

/** Arguments of the random layers that change pixel values (contrast, brightness). */
export interface PixelLayerArgs extends RandomLayerArgs {
  /** How much to change the pixels (each layer says how it reads it). */
  factor: RangeOption;
  /** The pixels' range, which outputs are clipped to. Default `[0, 255]`. */
  valueRange?: readonly [number, number];
}

/** The base of {@link RandomContrast} and {@link RandomBrightness}: a checked `factor` and `valueRange`. */
export abstract class RandomPixelLayer extends RandomImageLayer {
  readonly factor: Range;
  readonly valueRange: Range;

  constructor(args: PixelLayerArgs, checkFactor: (owner: string, factor: unknown) => Range) {
    super(args);
    this.factor = checkFactor(this.owner, args.factor);
    this.valueRange = checkPair(this.owner, 'valueRange', args.valueRange ?? [0, 255]);
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), factor: [...this.factor], value_range: [...this.valueRange] };
  }
}
