import type { Tensor } from '@tensorflow/tfjs-core';
import { checkNumber, type ConfigDict } from '@layerwise/core';
import { activationOps } from '../../activations.js';
import { Layer, type LayerArgs } from '../../engine/layer.js';

/** Arguments of {@link ELU}. */
export interface ELUArgs extends LayerArgs {
  /** Scale of the negative part. Default 1. */
  alpha?: number;
}

/** Exponential linear unit (Keras' ELU layer): `x` for positive inputs, `alpha * (exp(x) - 1)` otherwise. */
export class ELU extends Layer {
  static override readonly className = 'ELU';
  override readonly supportsMasking = true;
  readonly alpha: number;

  constructor(args: ELUArgs = {}) {
    super(args);
    this.alpha = checkNumber(`ELU "${this.name}"`, 'alpha', args.alpha ?? 1);
  }

  call(x: Tensor): Tensor {
    return activationOps.elu(x, this.alpha);
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), alpha: this.alpha };
  }
}

/** Creates an {@link ELU} layer. */
export const elu = (args: ELUArgs = {}): ELU => new ELU(args);
