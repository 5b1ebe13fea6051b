import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkNumber, SeededRandom, type ConfigDict } from '@layerwise/core';
import { Layer, type CallContext, type LayerArgs } from '../engine/layer.js';

/** Arguments of {@link Dropout}. */
export interface DropoutArgs extends LayerArgs {
  /** Fraction of the inputs to drop, in [0, 1). */
  rate: number;
  /** Makes the dropped positions reproducible. */
  seed?: number;
}

/**
 * Sets a random fraction `rate` of its inputs to 0 during training and scales the rest by
 * `1 / (1 - rate)`; the identity at inference.
 */
export class Dropout extends Layer {
  static override readonly className = 'Dropout';
  override readonly supportsMasking = true;
  readonly rate: number;
  readonly seed: number | undefined;
  private readonly random: SeededRandom | undefined;

  constructor(args: DropoutArgs) {
    super(args);
    this.rate = checkNumber(`Dropout "${this.name}"`, 'rate', args.rate, { min: 0, max: 1, maxExclusive: true });
    this.seed = args.seed;
    this.random = args.seed === undefined ? undefined : new SeededRandom(args.seed);
  }

  call(x: Tensor, { training }: CallContext): Tensor {
    if (!training || this.rate === 0) return tf.clone(x);
    return tf.dropout(x, this.rate, undefined, this.random?.nextSeed());
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed ?? null };
  }
}

/** Creates a {@link Dropout} layer. */
export const dropout = (args: DropoutArgs): Dropout => new Dropout(args);
