import { BaseCropping, type CroppingArgs } from './base-cropping.js';

/** Arguments of {@link Cropping1D}. */
export type Cropping1DArgs = CroppingArgs;

/**
 * Removes steps at the start and end of a sequence (`[batch, steps, channels]`). Default `[1, 1]`.
 *
 * @example
 * ```ts
 * cropping1d({ cropping: [2, 0] }); // drops the first two steps
 * ```
 */
export class Cropping1D extends BaseCropping {
  static override readonly className = 'Cropping1D';
  constructor(args: Cropping1DArgs = {}) {
    super(1, args, 1);
  }
}

/** Creates a {@link Cropping1D} layer. */
export const cropping1d = (args: Cropping1DArgs = {}): Cropping1D => new Cropping1D(args);
