import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict } from '@layerwise/core';
import { getActivation, type ActivationFn } from '../activations.js';
import { Layer, type LayerArgs } from '../engine/layer.js';

/** Arguments of {@link Activation}. */
export interface ActivationArgs extends LayerArgs {
  /** The activation's name (`'relu'`, `'softmax'`, ...). */
  activation: string;
}

/** Applies an activation function to its input. */
export class Activation extends Layer {
  static override readonly className = 'Activation';
  override readonly supportsMasking = true;
  readonly activation: string;
  private readonly fn: ActivationFn;

  constructor(args: ActivationArgs) {
    super(args);
    this.activation = args.activation;
    this.fn = getActivation(args.activation, `Activation "${this.name}"`);
  }

  call(x: Tensor): Tensor {
    return this.fn(x);
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), activation: this.activation };
  }
}

/** Creates an {@link Activation} layer. */
export const activation = (args: ActivationArgs): Activation => new Activation(args);
