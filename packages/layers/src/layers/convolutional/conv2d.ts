import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor4D, Variable } from '@tensorflow/tfjs-core';
import { checkInteger, formatShape, LayerwiseError, type ConfigDict, type Shape } from '@layerwise/core';
import { getActivation, type ActivationFn } from '../../activations.js';
import { Layer, type LayerArgs } from '../../engine/layer.js';
import { getInitializer, type InitializerIdentifier } from '../../initializers/index.js';
import { checkPadding, convOutputLength, normalizeTuple, type SpatialSize } from './conv-utils.js';

/** Arguments of {@link Conv2D}. */
export interface Conv2DArgs extends LayerArgs {
  /** Number of output channels. */
  filters: number;
  /** Height and width of the kernel (one number for both). */
  kernelSize: SpatialSize;
  /** Default 1. */
  strides?: SpatialSize;
  /** `'valid'` (default) or `'same'`. */
  padding?: 'valid' | 'same';
  /** Activation by name; default linear. */
  activation?: string;
  /** Default true. */
  useBias?: boolean;
  /** Default `'glorotUniform'`. */
  kernelInitializer?: InitializerIdentifier;
  /** Default `'zeros'`. */
  biasInitializer?: InitializerIdentifier;
}

/**
 * A 2D convolution over channels-last images (`[batch, height, width, channels]`), with a kernel
 * of shape `[kh, kw, inChannels, filters]` as Keras stores it. Dilation is not offered: tfjs-core
 * has no gradient for dilated convolutions, so such a layer could not train.
 *
 * @example
 * ```ts
 * sequential([conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }), maxPooling2d({ poolSize: 2 })]);
 * ```
 */
export class Conv2D extends Layer {
  static override readonly className = 'Conv2D';
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly padding: 'valid' | 'same';
  readonly activation: string;
  readonly useBias: boolean;
  private readonly activationFn: ActivationFn;
  private readonly kernelInitializer;
  private readonly biasInitializer;
  private kernel: Variable | undefined;
  private bias: Variable | undefined;

  constructor(args: Conv2DArgs) {
    super(args);
    const owner = `Conv2D "${this.name}"`;
    this.filters = checkInteger(owner, 'filters', args.filters);
    this.kernelSize = normalizeTuple(owner, 'kernelSize', args.kernelSize, 2) as [number, number];
    this.strides = normalizeTuple(owner, 'strides', args.strides ?? 1, 2) as [number, number];
    this.padding = checkPadding(owner, args.padding ?? 'valid');
    this.activation = args.activation ?? 'linear';
    this.activationFn = getActivation(this.activation, owner);
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorotUniform', owner);
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros', owner);
  }

  override build(inputShape: Shape): void {
    const channels = inputShape[3];
    if (inputShape.length !== 4 || channels == null) {
      throw new LayerwiseError(`Conv2D "${this.name}": needs inputs of shape (batch, height, width, channels) with known channels, received ${formatShape(inputShape)}`);
    }
    this.kernel = this.addWeight({ name: 'kernel', shape: [...this.kernelSize, channels, this.filters], initializer: this.kernelInitializer });
    if (this.useBias) this.bias = this.addWeight({ name: 'bias', shape: [this.filters], initializer: this.biasInitializer });
  }

  call(x: Tensor): Tensor {
    return tf.tidy(() => {
      let y: Tensor = tf.conv2d(x as Tensor4D, this.kernel as Tensor4D, this.strides, this.padding);
      if (this.bias) y = tf.add(y, this.bias);
      return this.activationFn(y);
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const [batch = null, h = null, w = null] = inputShape;
    return [
      batch,
      convOutputLength(h, this.kernelSize[0], this.padding, this.strides[0]),
      convOutputLength(w, this.kernelSize[1], this.padding, this.strides[1]),
      this.filters,
    ];
  }

  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernel_size: this.kernelSize,
      strides: this.strides,
      padding: this.padding,
      dilation_rate: [1, 1],
      activation: this.activation,
      use_bias: this.useBias,
      kernel_initializer: { class_name: this.kernelInitializer.className, config: this.kernelInitializer.getConfig() },
      bias_initializer: { class_name: this.biasInitializer.className, config: this.biasInitializer.getConfig() },
    };
  }
}

/** Creates a {@link Conv2D} layer. */
export const conv2d = (args: Conv2DArgs): Conv2D => new Conv2D(args);
