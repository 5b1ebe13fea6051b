import type { LayerArgs } from '../../engine/layer.js';
import { BaseUpSampling } from './base-up-sampling.js';

/** Arguments of {@link UpSampling1D}. */
export interface UpSampling1DArgs extends LayerArgs {
  /** Repetitions of each step. Default 2. */
  size?: number;
}

/**
 * Repeats each step `size` times: `[batch, steps, channels]` to `[batch, steps * size, channels]`.
 *
 * @example
 * ```ts
 * upSampling1d({ size: 3 });
 * ```
 */
export class UpSampling1D extends BaseUpSampling {
  static override readonly className = 'UpSampling1D';
  constructor(args: UpSampling1DArgs = {}) {
    super(1, args);
  }
}

/** Creates an {@link UpSampling1D} layer. */
export const upSampling1d = (args: UpSampling1DArgs = {}): UpSampling1D => new UpSampling1D(args);
