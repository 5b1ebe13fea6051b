import { BaseConv, type ConvArgs } from './base-conv.js';

/** Arguments of {@link Conv3D}. */
export type Conv3DArgs = ConvArgs;

/**
 * A 3D convolution over volumes (`[batch, depth, height, width, channels]`), kernel
 * `[kd, kh, kw, channels / groups, filters]` as Keras stores it.
 *
 * @example
 * ```ts
 * sequential([conv3d({ filters: 8, kernelSize: 3, activation: 'relu', inputShape: [16, 32, 32, 1] })]);
 * ```
 */
export class Conv3D extends BaseConv {
  static override readonly className = 'Conv3D';
  constructor(args: Conv3DArgs) {
    super(3, args);
  }
}

/** Creates a {@link Conv3D} layer. */
export const conv3d = (args: Conv3DArgs): Conv3D => new Conv3D(args);
