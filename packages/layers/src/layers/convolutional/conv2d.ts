import { BaseConv, type ConvArgs } from './base-conv.js';

/** Arguments of {@link Conv2D}. */
export type Conv2DArgs = ConvArgs;

/**
 * A 2D convolution over channels-last images (`[batch, height, width, channels]`), kernel
 * `[kh, kw, channels / groups, filters]` as Keras stores it; with `dilationRate` and `groups`.
 *
 * @example
 * ```ts
 * sequential([conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }), maxPooling2d({ poolSize: 2 })]);
 * ```
 */
export class Conv2D extends BaseConv {
  static override readonly className = 'Conv2D';
  constructor(args: Conv2DArgs) {
    super(2, args);
  }
}

/** Creates a {@link Conv2D} layer. */
export const conv2d = (args: Conv2DArgs): Conv2D => new Conv2D(args);
