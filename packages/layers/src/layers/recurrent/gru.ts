import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkBoolean, type ConfigDict } from '@layerwise/core';
import { getActivation, type ActivationFn } from '../../activations.js';
import type { LayerOutput } from '../../engine/layer.js';
import { RNNBase, type RNNArgs, type RecurrentStepResult } from './rnn-base.js';

/** Arguments of {@link GRU}, with Keras 3's defaults. */
export interface GRUArgs extends RNNArgs {
  /** Activation of the gates. Default `'sigmoid'`. */
  recurrentActivation?: string;
  /**
   * Apply the reset gate after the recurrent product (Keras 3's default, and PyTorch's and cuDNN's
   * convention), with separate input and recurrent biases: bias `[2, 3 * units]`. False: before it,
   * one bias `[3 * units]`. Default true.
   */
  resetAfter?: boolean;
}

/**
 * Gated recurrent unit (Keras' GRU), with Keras' gate order z, r, h in the kernels: kernel
 * `[inputDim, 3 * units]`, recurrent_kernel `[units, 3 * units]`, bias `[2, 3 * units]` (input row,
 * recurrent row) with `resetAfter`. `h_t = z * h_{t-1} + (1 - z) * candidate`.
 */
export class GRU<O extends LayerOutput = Tensor> extends RNNBase<O> {
  static override readonly className = 'GRU';
  readonly recurrentActivation: string;
  readonly resetAfter: boolean;
  protected readonly stateCount = 1;
  protected readonly gateCount = 3;
  private readonly recurrentActivationFn: ActivationFn;

  constructor(args: GRUArgs) {
    super(args);
    this.recurrentActivation = args.recurrentActivation ?? 'sigmoid';
    this.recurrentActivationFn = getActivation(this.recurrentActivation, this.owner);
    this.resetAfter = checkBoolean(this.owner, 'resetAfter', args.resetAfter ?? true);
  }

  protected override biasShape(): number[] {
    return this.resetAfter ? [2, 3 * this.units] : [3 * this.units];
  }

  protected override inputBias(): Tensor | undefined {
    if (!this.bias || !this.resetAfter) return this.bias;
    return tf.reshape(tf.slice(this.bias, [0, 0], [1, -1]), [-1]);
  }

  protected step(projected: Tensor, states: Tensor[], hIn: Tensor): RecurrentStepResult {
    const h = states[0]!;
    const u = this.units;
    const [xz, xr, xh] = tf.split(projected, 3, 1) as [Tensor, Tensor, Tensor];
    const kernel = this.recurrentKernel!;
    let candidateInput: Tensor;
    let z: Tensor;
    if (this.resetAfter) {
      let recurrent: Tensor = tf.matMul(hIn, kernel);
      if (this.bias) recurrent = tf.add(recurrent, tf.reshape(tf.slice(this.bias, [1, 0], [1, -1]), [-1]));
      const [rz, rr, rh] = tf.split(recurrent, 3, 1) as [Tensor, Tensor, Tensor];
      z = this.recurrentActivationFn(tf.add(xz, rz));
      const r = this.recurrentActivationFn(tf.add(xr, rr));
      candidateInput = tf.add(xh, tf.mul(r, rh));
    } else {
      const [rz, rr] = tf.split(tf.matMul(hIn, tf.slice(kernel, [0, 0], [u, 2 * u])), 2, 1) as [Tensor, Tensor];
      z = this.recurrentActivationFn(tf.add(xz, rz));
      const r = this.recurrentActivationFn(tf.add(xr, rr));
      candidateInput = tf.add(xh, tf.matMul(tf.mul(r, hIn), tf.slice(kernel, [0, 2 * u], [u, u])));
    }
    const candidate = this.activationFn(candidateInput);
    const next = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), candidate));
    return { output: next, states: [next] };
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), recurrent_activation: this.recurrentActivation, reset_after: this.resetAfter };
  }
}

/** Creates a {@link GRU} layer; with `returnState: true` it returns `[output, ...states]`. */
export function gru(args: GRUArgs & { returnState: true }): GRU<Tensor[]>;
export function gru(args: GRUArgs): GRU;
export function gru(args: GRUArgs): GRU<LayerOutput> {
  return new GRU<LayerOutput>(args);
}
