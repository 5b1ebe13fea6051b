import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { formatShape, invalidArgument, LayerwiseError, type ConfigDict, type Shape } from '@layerwise/core';
import { Layer, type LayerArgs } from '../../engine/layer.js';

/** Arguments of {@link Reshape}. */
export interface ReshapeArgs extends LayerArgs {
  /** The shape of one sample; one entry may be -1 (inferred). */
  targetShape: readonly number[];
}

/** Reshapes each sample to `targetShape` (the batch axis is kept). */
export class Reshape extends Layer {
  static override readonly className = 'Reshape';
  readonly targetShape: number[];
  constructor(args: ReshapeArgs) {
    super(args);
    const owner = `Reshape "${this.name}"`;
    const target = args.targetShape;
    if (!Array.isArray(target) || target.some((d) => !Number.isInteger(d) || (d < 1 && d !== -1)) || target.filter((d) => d === -1).length > 1) {
      throw invalidArgument({ owner, argument: 'targetShape', expected: 'positive integers, with at most one -1', received: target });
    }
    this.targetShape = [...target];
  }
  private resolved(inputShape: Shape): number[] {
    const size = inputShape.slice(1).reduce<number | null>((a, d) => (a === null || d === null ? null : a * d), 1);
    const known = this.targetShape.filter((d) => d !== -1).reduce((a, d) => a * d, 1);
    if (size === null) return this.targetShape;
    if (this.targetShape.includes(-1) ? size % known !== 0 : size !== known) {
      throw new LayerwiseError(`Reshape "${this.name}": cannot reshape samples of shape ${formatShape(inputShape.slice(1))} to ${formatShape(this.targetShape)}`);
    }
    return this.targetShape.map((d) => (d === -1 ? size / known : d));
  }
  override build(inputShape: Shape): void {
    this.resolved(inputShape);
  }
  call(x: Tensor): Tensor {
    return tf.reshape(x, [x.shape[0]!, ...this.resolved(x.shape)]);
  }
  override computeOutputShape(inputShape: Shape): Shape {
    return [inputShape[0] ?? null, ...this.resolved(inputShape)];
  }
  override getConfig(): ConfigDict {
    return { ...super.getConfig(), target_shape: this.targetShape };
  }
}

/** Creates a {@link Reshape} layer. */
export const reshape = (args: ReshapeArgs): Reshape => new Reshape(args);
