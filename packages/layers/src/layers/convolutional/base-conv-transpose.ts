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
  convTransposeLength,
  dilateKernel,
  expandTuple,
  initializerConfig,
  transposeConvolve,
} from './conv-ops.js';
import type { SpatialSize } from './conv-utils.js';

/** Arguments of {@link Conv1DTranspose}, {@link Conv2DTranspose} and {@link Conv3DTranspose}. */
export interface ConvTransposeArgs extends LayerArgs {
  /** Number of output channels. */
  filters: number;
  /** Size of the window: one number for every spatial axis, or one per axis. */
  kernelSize: SpatialSize;
  /** Upsampling factor along each axis (the strides of the convolution this one transposes). Default 1. */
  strides?: SpatialSize;
  /** `'valid'` (default) or `'same'` (output length `length * stride` when `outputPadding` is not given). */
  padding?: 'valid' | 'same';
  /**
   * Extra length added at the end of each axis, each below the stride along it (Keras'
   * `output_padding`). Default: not given, and Keras' output length formula without it applies.
   */
  outputPadding?: SpatialSize | null;
  /** Spacing between the kernel's taps. Default 1; above 1 only with strides of 1. */
  dilationRate?: SpatialSize;
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
 * The N-D transposed convolution (Keras' `BaseConvTranspose`, sometimes called deconvolution): the
 * gradient of a convolution with respect to its input, used to upsample. Kernel
 * `(...kernelSize, filters, channels)` as Keras stores it; output lengths and the placement of
 * the padding follow Keras with TensorFlow (`(length - 1) * stride + kernel` for `'valid'`,
 * `length * stride` for `'same'`, adjusted by `outputPadding`).
 */
export abstract class BaseConvTranspose extends Layer {
  /** Number of spatial axes. */
  readonly rank: number;
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly outputPadding: number[] | null;
  readonly dilationRate: number[];
  readonly activation: string;
  readonly useBias: boolean;
  private readonly activationFn: ActivationFn;
  private readonly kernelInitializer: Initializer;
  private readonly biasInitializer: Initializer;
  private kernel: Variable | undefined;
  private bias: Variable | undefined;

  protected constructor(rank: number, args: ConvTransposeArgs) {
    super(args);
    const owner = this.owner;
    this.rank = rank;
    this.filters = checkInteger(owner, 'filters', args.filters);
    this.kernelSize = expandTuple(owner, 'kernelSize', args.kernelSize, rank);
    this.strides = expandTuple(owner, 'strides', args.strides ?? 1, rank);
    this.padding = checkOneOf(owner, 'padding', args.padding ?? 'valid', ['valid', 'same']);
    this.outputPadding = args.outputPadding == null ? null : expandTuple(owner, 'outputPadding', args.outputPadding, rank, 0);
    this.outputPadding?.forEach((p, i) => {
      if (p >= this.strides[i]!) {
        throw new LayerwiseError(
          `${owner}: \`outputPadding\` must be smaller than \`strides\` along every axis. Received: outputPadding=${JSON.stringify(this.outputPadding)}, strides=${JSON.stringify(this.strides)}`,
        );
      }
    });
    this.dilationRate = expandTuple(owner, 'dilationRate', args.dilationRate ?? 1, rank);
    checkStridesWithDilation(owner, this.strides, this.dilationRate);
    this.activation = args.activation ?? 'linear';
    this.activationFn = getActivation(this.activation, owner);
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorotUniform', owner, 'kernelInitializer');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros', owner, 'biasInitializer');
  }

  /** `Conv2DTranspose "conv2d_transpose"`: how errors name this layer. */
  protected get owner(): string {
    return `${this.className} "${this.name}"`;
  }

  override build(inputShape: Shape): void {
    const channels = checkSpatialInput(this.owner, inputShape, this.rank);
    this.computeOutputShape(inputShape);
    this.kernel = this.addWeight({ name: 'kernel', shape: [...this.kernelSize, this.filters, channels], initializer: this.kernelInitializer });
    if (this.useBias) this.bias = this.addWeight({ name: 'bias', shape: [this.filters], initializer: this.biasInitializer });
  }

  call(x: Tensor): Tensor {
    return tf.tidy(() => {
      const out = this.computeOutputShape(x.shape).slice(1, -1) as number[];
      let y = transposeConvolve(x, dilateKernel(this.kernel!, this.dilationRate), this.rank, this.strides, out);
      if (this.bias) y = tf.add(y, this.bias);
      return this.activationFn(y);
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    checkSpatialInput(this.owner, inputShape, this.rank, false);
    const spatial = inputShape
      .slice(1, -1)
      .map((n, i) => convTransposeLength(n, this.kernelSize[i]!, this.padding, this.outputPadding?.[i] ?? null, this.strides[i]!, this.dilationRate[i]!));
    return checkOutputShape(this.owner, inputShape, [inputShape[0] ?? null, ...spatial, this.filters]);
  }

  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernel_size: [...this.kernelSize],
      strides: [...this.strides],
      padding: this.padding,
      output_padding: this.outputPadding && [...this.outputPadding],
      dilation_rate: [...this.dilationRate],
      activation: this.activation,
      use_bias: this.useBias,
      kernel_initializer: initializerConfig(this.kernelInitializer),
      bias_initializer: initializerConfig(this.biasInitializer),
    };
  }
}
