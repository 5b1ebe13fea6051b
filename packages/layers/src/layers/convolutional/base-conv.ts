import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { checkInteger, checkOneOf, LayerwiseError, type ConfigDict, type Initializer, type Shape } from '@layerwise/core';
import { getActivation, type ActivationFn } from '../../activations.js';
import { Layer, type LayerArgs } from '../../engine/layer.js';
import { getInitializer, type InitializerIdentifier } from '../../initializers/index.js';
import {
  checkOutputShape,
  checkSpatialInput,
  checkStridesWithDilation,
  convLength,
  dilateKernel,
  effectiveKernel,
  expandTuple,
  groupedConvolve,
  initializerConfig,
  padStart,
} from './conv-ops.js';
import type { SpatialSize } from './conv-utils.js';

/** Arguments shared by {@link Conv1D}, {@link Conv2D} and {@link Conv3D}. */
export interface ConvArgs extends LayerArgs {
  /** Number of output channels: a positive integer divisible by `groups`. */
  filters: number;
  /** Size of the convolution window: one number for every spatial axis, or one per axis. */
  kernelSize: SpatialSize;
  /** Step of the window along each axis. Default 1. */
  strides?: SpatialSize;
  /** `'valid'` (default: no padding) or `'same'` (pad so that the output length is `ceil(length / stride)`). */
  padding?: 'valid' | 'same';
  /** Spacing between the kernel's taps (atrous convolution). Default 1; above 1 only with strides of 1. */
  dilationRate?: SpatialSize;
  /**
   * Number of groups the channels are split into; each group is convolved with `filters / groups`
   * filters of its own and the results are concatenated. Input channels and `filters` must both be
   * divisible by it. Default 1.
   */
  groups?: number;
  /** Activation by name; default linear. */
  activation?: string;
  /** Whether to add a bias. Default true. */
  useBias?: boolean;
  /** Default `'glorotUniform'`. */
  kernelInitializer?: InitializerIdentifier;
  /** Default `'zeros'`. */
  biasInitializer?: InitializerIdentifier;
}

/**
 * The N-D convolution layer (Keras' `BaseConv`): a kernel of shape
 * `(...kernelSize, channels / groups, filters)` is slid over a channels-last input, a bias is
 * added and the activation applied. {@link Conv1D}, {@link Conv2D} and {@link Conv3D} only fix
 * the rank. Dilated kernels run as kernels expanded with zeros, since tfjs-core cannot
 * differentiate its own dilated convolutions.
 */
export abstract class BaseConv extends Layer {
  /** Number of spatial axes. */
  readonly rank: number;
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same' | 'causal';
  readonly dilationRate: number[];
  readonly groups: number;
  readonly activation: string;
  readonly useBias: boolean;
  private readonly activationFn: ActivationFn;
  private readonly kernelInitializer: Initializer;
  private readonly biasInitializer: Initializer;
  private kernel: Variable | undefined;
  private bias: Variable | undefined;

  protected constructor(rank: number, args: Omit<ConvArgs, 'padding'> & { padding?: 'valid' | 'same' | 'causal' }) {
    super(args);
    const owner = this.owner;
    this.rank = rank;
    this.filters = checkInteger(owner, 'filters', args.filters);
    this.kernelSize = expandTuple(owner, 'kernelSize', args.kernelSize, rank);
    this.strides = expandTuple(owner, 'strides', args.strides ?? 1, rank);
    this.padding = checkOneOf(owner, 'padding', args.padding ?? 'valid', rank === 1 ? ['valid', 'same', 'causal'] : ['valid', 'same']);
    this.dilationRate = expandTuple(owner, 'dilationRate', args.dilationRate ?? 1, rank);
    checkStridesWithDilation(owner, this.strides, this.dilationRate);
    this.groups = checkInteger(owner, 'groups', args.groups ?? 1);
    if (this.filters % this.groups !== 0) {
      throw new LayerwiseError(`${owner}: the number of filters must be divisible by the number of groups. Received: groups=${this.groups}, filters=${this.filters}`);
    }
    this.activation = args.activation ?? 'linear';
    this.activationFn = getActivation(this.activation, owner);
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorotUniform', owner, 'kernelInitializer');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros', owner, 'biasInitializer');
  }

  /** `Conv2D "conv2d_1"`: how errors name this layer. */
  protected get owner(): string {
    return `${this.className} "${this.name}"`;
  }

  override build(inputShape: Shape): void {
    const channels = checkSpatialInput(this.owner, inputShape, this.rank);
    if (channels % this.groups !== 0) {
      throw new LayerwiseError(
        `${this.owner}: the number of input channels must be divisible by the number of groups. Received: groups=${this.groups}, input channels=${channels}`,
      );
    }
    this.computeOutputShape(inputShape);
    this.kernel = this.addWeight({ name: 'kernel', shape: [...this.kernelSize, channels / this.groups, this.filters], initializer: this.kernelInitializer });
    if (this.useBias) this.bias = this.addWeight({ name: 'bias', shape: [this.filters], initializer: this.biasInitializer });
  }

  call(x: Tensor): Tensor {
    return tf.tidy(() => {
      const kernel = dilateKernel(this.kernel!, this.dilationRate);
      let input = x;
      let padding: 'valid' | 'same';
      if (this.padding === 'causal') {
        input = padStart(x, effectiveKernel(this.kernelSize[0]!, this.dilationRate[0]!) - 1);
        padding = 'valid';
      } else {
        padding = this.padding;
      }
      let y = groupedConvolve(input, kernel, this.groups, this.rank, this.strides, padding);
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
      dilation_rate: [...this.dilationRate],
      groups: this.groups,
      activation: this.activation,
      use_bias: this.useBias,
      kernel_initializer: initializerConfig(this.kernelInitializer),
      bias_initializer: initializerConfig(this.biasInitializer),
    };
  }
}
