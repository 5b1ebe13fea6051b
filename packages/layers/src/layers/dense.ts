import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { checkInteger, LayerwiseError, type ConfigDict, type Shape } from '@layerwise/core';
import { getActivation, type ActivationFn } from '../activations.js';
import { Layer, type LayerArgs } from '../engine/layer.js';
import { getInitializer, type InitializerIdentifier } from '../initializers/index.js';

/** Arguments of {@link Dense}. */
export interface DenseArgs extends LayerArgs {
  /** Number of output units: a positive integer. */
  units: number;
  /** Activation by name (`'relu'`, `'softmax'`); default linear. */
  activation?: string;
  /** Whether to add a bias. Default true. */
  useBias?: boolean;
  /** Default `'glorotUniform'`. */
  kernelInitializer?: InitializerIdentifier;
  /** Default `'zeros'`. */
  biasInitializer?: InitializerIdentifier;
}

/**
 * A densely connected layer: `activation(x · kernel + bias)` over the last axis.
 *
 * @example
 * ```ts
 * const model = sequential([dense({ units: 512, activation: 'relu', inputShape: [784] }), dense({ units: 10, activation: 'softmax' })]);
 * ```
 */
export class Dense extends Layer {
  static override readonly className = 'Dense';
  override readonly supportsMasking = true;
  readonly units: number;
  readonly activation: string;
  readonly useBias: boolean;
  private readonly activationFn: ActivationFn;
  private readonly kernelInitializer;
  private readonly biasInitializer;
  private kernel: Variable | undefined;
  private bias: Variable | undefined;

  constructor(args: DenseArgs) {
    super(args);
    const owner = `Dense "${this.name}"`;
    this.units = checkInteger(owner, 'units', args.units);
    this.activation = args.activation ?? 'linear';
    this.activationFn = getActivation(this.activation, owner);
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorotUniform', owner, 'kernelInitializer');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros', owner, 'biasInitializer');
  }

  override build(inputShape: Shape): void {
    const inputDim = inputShape[inputShape.length - 1];
    if (inputShape.length < 2 || inputDim == null) {
      throw new LayerwiseError(`Dense "${this.name}": needs an input of rank >= 2 with a known last axis, received ${JSON.stringify(inputShape)}`);
    }
    this.kernel = this.addWeight({ name: 'kernel', shape: [inputDim, this.units], initializer: this.kernelInitializer });
    if (this.useBias) this.bias = this.addWeight({ name: 'bias', shape: [this.units], initializer: this.biasInitializer });
  }

  call(x: Tensor): Tensor {
    return tf.tidy(() => {
      const kernel = this.kernel!;
      const rank = x.rank;
      const flat = rank === 2 ? x : tf.reshape(x, [-1, x.shape[rank - 1]!]);
      let y: Tensor = tf.matMul(flat, kernel);
      if (this.bias) y = tf.add(y, this.bias);
      y = this.activationFn(y);
      return rank === 2 ? y : tf.reshape(y, [...x.shape.slice(0, -1), this.units]);
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape.slice(0, -1), this.units];
  }

  /** `inputDim * units` per position: per sample, times the sizes of the axes between batch and features. */
  override computeMacs(inputShape: Shape): number {
    return inputShape.slice(1).reduce<number>((n, d) => n * (d ?? NaN), 1) * this.units;
  }

  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: this.activation,
      use_bias: this.useBias,
      kernel_initializer: { class_name: this.kernelInitializer.className, config: this.kernelInitializer.getConfig() },
      bias_initializer: { class_name: this.biasInitializer.className, config: this.biasInitializer.getConfig() },
    };
  }
}

/** Creates a {@link Dense} layer. */
export const dense = (args: DenseArgs): Dense => new Dense(args);
