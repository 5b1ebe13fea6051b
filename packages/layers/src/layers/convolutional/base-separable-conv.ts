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
  convolve,
  depthwiseConvolve,
  dilateKernel,
  expandTuple,
  initializerConfig,
} from './conv-ops.js';
import type { SpatialSize } from './conv-utils.js';

/** Arguments of {@link SeparableConv1D} and {@link SeparableConv2D}. */
export interface SeparableConvArgs extends LayerArgs {
  /** Number of output channels. */
  filters: number;
  /** Size of the depthwise window: one number for every spatial axis, or one per axis. */
  kernelSize: SpatialSize;
  /** Step of the depthwise window along each axis. Default 1. */
  strides?: SpatialSize;
  /** `'valid'` (default) or `'same'`. */
  padding?: 'valid' | 'same';
  /** Depthwise filters per input channel. Default 1. */
  depthMultiplier?: number;
  /** Spacing between the depthwise kernel's taps. Default 1; above 1 only with strides of 1. */
  dilationRate?: SpatialSize;
  /** Activation by name; default linear. */
  activation?: string;
  /** Whether to add a bias. Default true. */
  useBias?: boolean;
  /** Default `'glorotUniform'`. */
  depthwiseInitializer?: InitializerIdentifier;
  /** Default `'glorotUniform'`. */
  pointwiseInitializer?: InitializerIdentifier;
  /** Default `'zeros'`. */
  biasInitializer?: InitializerIdentifier;
}

/**
 * The depthwise separable convolution (Keras' `BaseSeparableConv`): a depthwise convolution
 * (kernel `(...kernelSize, channels, depthMultiplier)`, carrying the strides, padding and
 * dilation) followed by a pointwise one (kernel `(1..., channels * depthMultiplier, filters)`),
 * then the bias and the activation. Far fewer parameters than a full convolution.
 */
export abstract class BaseSeparableConv extends Layer {
  /** Number of spatial axes (1 or 2). */
  readonly rank: number;
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly depthMultiplier: number;
  readonly dilationRate: number[];
  readonly activation: string;
  readonly useBias: boolean;
  private readonly activationFn: ActivationFn;
  private readonly depthwiseInitializer: Initializer;
  private readonly pointwiseInitializer: Initializer;
  private readonly biasInitializer: Initializer;
  private depthwiseKernel: Variable | undefined;
  private pointwiseKernel: Variable | undefined;
  private bias: Variable | undefined;

  protected constructor(rank: number, args: SeparableConvArgs) {
    super(args);
    const owner = this.owner;
    this.rank = rank;
    this.filters = checkInteger(owner, 'filters', args.filters);
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
    this.pointwiseInitializer = getInitializer(args.pointwiseInitializer ?? 'glorotUniform', owner, 'pointwiseInitializer');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros', owner, 'biasInitializer');
  }

  /** `SeparableConv2D "separable_conv2d"`: how errors name this layer. */
  protected get owner(): string {
    return `${this.className} "${this.name}"`;
  }

  override build(inputShape: Shape): void {
    const channels = checkSpatialInput(this.owner, inputShape, this.rank);
    this.computeOutputShape(inputShape);
    const ones = this.kernelSize.map(() => 1);
    this.depthwiseKernel = this.addWeight({
      name: 'depthwise_kernel',
      shape: [...this.kernelSize, channels, this.depthMultiplier],
      initializer: this.depthwiseInitializer,
    });
    this.pointwiseKernel = this.addWeight({
      name: 'pointwise_kernel',
      shape: [...ones, channels * this.depthMultiplier, this.filters],
      initializer: this.pointwiseInitializer,
    });
    if (this.useBias) this.bias = this.addWeight({ name: 'bias', shape: [this.filters], initializer: this.biasInitializer });
  }

  call(x: Tensor): Tensor {
    return tf.tidy(() => {
      const depthwise = depthwiseConvolve(x, dilateKernel(this.depthwiseKernel!, this.dilationRate), this.rank, this.strides, this.padding);
      let y = convolve(depthwise, this.pointwiseKernel!, this.rank, this.kernelSize.map(() => 1), 'valid');
      if (this.bias) y = tf.add(y, this.bias);
      return this.activationFn(y);
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    checkSpatialInput(this.owner, inputShape, this.rank, false);
    const spatial = inputShape
      .slice(1, -1)
      .map((n, i) => convLength(n, this.kernelSize[i]!, this.padding, this.strides[i]!, this.dilationRate[i]!));
    return checkOutputShape(this.owner, inputShape, [inputShape[0] ?? null, ...spatial, this.filters]);
  }

  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernel_size: [...this.kernelSize],
      strides: [...this.strides],
      padding: this.padding,
      depth_multiplier: this.depthMultiplier,
      dilation_rate: [...this.dilationRate],
      activation: this.activation,
      use_bias: this.useBias,
      depthwise_initializer: initializerConfig(this.depthwiseInitializer),
      pointwise_initializer: initializerConfig(this.pointwiseInitializer),
      bias_initializer: initializerConfig(this.biasInitializer),
    };
  }
}
