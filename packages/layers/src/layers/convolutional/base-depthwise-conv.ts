import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { checkInteger, checkOneOf, type ConfigDict, type Initializer, type Shape } from '@layerwise/core';
import { getActivation, type ActivationFn } from '../../activations.js';
import { Layer, type LayerArgs } from '../../engine/layer.js';
import { getInitializer, type InitializerIdentifier } from '../../initializers/index.js';
import {
  checkOutputShape,
  checkSpatialInput,
  checkStridesWithDilation,
  convLength,
  depthwiseConvolve,
  dilateKernel,
  expandTuple,
  initializerConfig,
} from './conv-ops.js';
import type { SpatialSize } from './conv-utils.js';

/** Arguments of {@link DepthwiseConv1D} and {@link DepthwiseConv2D}. */
export interface DepthwiseConvArgs extends LayerArgs {
  /** Size of the window: one number for every spatial axis, or one per axis. */
  kernelSize: SpatialSize;
  /** Step of the window along each axis. Default 1. */
  strides?: SpatialSize;
  /** `'valid'` (default) or `'same'`. */
  padding?: 'valid' | 'same';
  /** Output channels per input channel: the output has `channels * depthMultiplier`. Default 1. */
  depthMultiplier?: number;
  /** Spacing between the kernel's taps. Default 1; above 1 only with strides of 1. */
  dilationRate?: SpatialSize;
  /** Activation by name; default linear. */
  activation?: string;
  /** Whether to add a bias. Default true. */
  useBias?: boolean;
  /** Initialiser of the kernel. Default `'glorotUniform'`. */
  depthwiseInitializer?: InitializerIdentifier;
  /** Default `'zeros'`. */
  biasInitializer?: InitializerIdentifier;
}

/**
 * The depthwise convolution (Keras' `BaseDepthwiseConv`): each input channel is convolved on its
 * own with `depthMultiplier` filters, kernel `(...kernelSize, channels, depthMultiplier)`; output
 * channel `c * depthMultiplier + m` comes from input channel `c` and filter `m`, as in Keras.
 */
export abstract class BaseDepthwiseConv extends Layer {
  /** Number of spatial axes (1 or 2). */
  readonly rank: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly depthMultiplier: number;
  readonly dilationRate: number[];
  readonly activation: string;
  readonly useBias: boolean;
  private readonly activationFn: ActivationFn;
  private readonly depthwiseInitializer: Initializer;
  private readonly biasInitializer: Initializer;
  private kernel: Variable | undefined;
  private bias: Variable | undefined;

  protected constructor(rank: number, args: DepthwiseConvArgs) {
    super(args);
    const owner = this.owner;
    this.rank = rank;
    this.kernelSize = expandTuple(owner, 'kernelSize', args.kernelSize, rank);
    this.strides = expandTuple(owner, 'strides', args.strides ?? 1, rank);
    this.padding = checkOneOf(owner, 'padding', args.padding ?? 'valid', ['valid', 'same']);
    this.depthMultiplier = checkInteger(owner, 'depthMultiplier', args.depthMultiplier ?? 1);
    this.dilationRate = expandTuple(owner, 'dilationRate', args.dilationRate ?? 1, rank);
    checkStridesWithDilation(owner, this.strides, this.dilationRate);
    this.activation = args.activation ?? 'linear';
    this.activationFn = getActivation(this.activation, owner);
    this.useBias = args.useBias ?? true;
    this.depthwiseInitializer = getInitializer(args.depthwiseInitializer ?? 'glorotUniform', owner, 'depthwiseInitializer');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros', owner, 'biasInitializer');
  }

  /** `DepthwiseConv2D "depthwise_conv2d"`: how errors name this layer. */
  protected get owner(): string {
    return `${this.className} "${this.name}"`;
  }

  override build(inputShape: Shape): void {
    const channels = checkSpatialInput(this.owner, inputShape, this.rank);
    this.computeOutputShape(inputShape);
    this.kernel = this.addWeight({ name: 'kernel', shape: [...this.kernelSize, channels, this.depthMultiplier], initializer: this.depthwiseInitializer });
    if (this.useBias) this.bias = this.addWeight({ name: 'bias', shape: [channels * this.depthMultiplier], initializer: this.biasInitializer });
  }

  call(x: Tensor): Tensor {
    return tf.tidy(() => {
      let y = depthwiseConvolve(x, dilateKernel(this.kernel!, this.dilationRate), this.rank, this.strides, this.padding);
      if (this.bias) y = tf.add(y, this.bias);
      return this.activationFn(y);
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    checkSpatialInput(this.owner, inputShape, this.rank, false);
    const channels = inputShape[inputShape.length - 1] ?? null;
    const spatial = inputShape
      .slice(1, -1)
      .map((n, i) => convLength(n, this.kernelSize[i]!, this.padding, this.strides[i]!, this.dilationRate[i]!));
    return checkOutputShape(this.owner, inputShape, [inputShape[0] ?? null, ...spatial, channels === null ? null : channels * this.depthMultiplier]);
  }

  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      kernel_size: [...this.kernelSize],
      strides: [...this.strides],
      padding: this.padding,
      depth_multiplier: this.depthMultiplier,
      dilation_rate: [...this.dilationRate],
      activation: this.activation,
      use_bias: this.useBias,
      depthwise_initializer: initializerConfig(this.depthwiseInitializer),
      bias_initializer: initializerConfig(this.biasInitializer),
    };
  }
}
