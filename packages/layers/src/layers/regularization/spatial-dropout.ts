import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkNumber, formatShape, invalidArgument, LayerwiseError, SeededRandom, type ConfigDict, type Shape } from '@layerwise/core';
import { Layer, type CallContext, type LayerArgs } from '../../engine/layer.js';

/** Arguments of {@link SpatialDropout1D} and {@link SpatialDropout2D}. */
export interface SpatialDropoutArgs extends LayerArgs {
  /** Fraction of the channels to drop, in [0, 1). */
  rate: number;
  /** Makes the dropped channels reproducible. */
  seed?: number;
  /** Only `'channels_last'` (the Layerwise layout); accepted so Keras configs load. */
  dataFormat?: 'channels_last';
}

/**
 * The shared body of the spatial dropouts: drops whole channels (the same ones at every position of
 * a sample) during training, scaling the rest by `1 / (1 - rate)`; the identity at inference.
 */
export abstract class SpatialDropout extends Layer {
  override readonly supportsMasking = true;
  readonly rate: number;
  readonly seed: number | undefined;
  private readonly random: SeededRandom | undefined;
  /** The input rank: 3 for 1-D, 4 for 2-D. */
  protected abstract readonly rank: number;

  constructor(args: SpatialDropoutArgs) {
    super(args);
    const owner = `${this.className} "${this.name}"`;
    this.rate = checkNumber(owner, 'rate', args.rate, { min: 0, max: 1, maxExclusive: true });
    if (args.dataFormat !== undefined && args.dataFormat !== 'channels_last') {
      throw invalidArgument({ owner, argument: 'dataFormat', expected: "'channels_last' (the only layout Layerwise supports)", received: args.dataFormat });
    }
    this.seed = args.seed;
    this.random = args.seed === undefined ? undefined : new SeededRandom(args.seed);
  }

  override build(inputShape: Shape): void {
    if (inputShape.length !== this.rank) {
      throw new LayerwiseError(`${this.className} "${this.name}": needs inputs of rank ${this.rank}, received ${formatShape(inputShape)}`);
    }
  }

  call(x: Tensor, { training }: CallContext): Tensor {
    if (!training || this.rate === 0) return tf.clone(x);
    const noiseShape = x.shape.map((d, i) => (i === 0 || i === x.rank - 1 ? d : 1));
    return tf.dropout(x, this.rate, noiseShape, this.random?.nextSeed());
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed ?? null };
  }
}
