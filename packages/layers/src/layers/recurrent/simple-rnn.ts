import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { LayerOutput } from '../../engine/layer.js';
import { RNNBase, type RNNArgs, type RecurrentStepResult } from './rnn-base.js';

/** Arguments of {@link SimpleRNN}: the shared recurrent arguments. */
export type SimpleRNNArgs = RNNArgs;

/**
 * A fully connected recurrent layer (Keras' SimpleRNN): `h_t = activation(x_t · kernel + h_{t-1} ·
 * recurrent_kernel + bias)`. Weights: kernel `[inputDim, units]`, recurrent_kernel `[units, units]`,
 * bias `[units]`.
 *
 * @example
 * ```ts
 * const model = sequential([simpleRNN({ units: 8, inputShape: [10, 3] }), dense({ units: 1 })]);
 * ```
 */
export class SimpleRNN<O extends LayerOutput = Tensor> extends RNNBase<O> {
  static override readonly className = 'SimpleRNN';
  protected readonly stateCount = 1;
  protected readonly gateCount = 1;

  protected step(projected: Tensor, _states: Tensor[], hIn: Tensor): RecurrentStepResult {
    const h = this.activationFn(tf.add(projected, tf.matMul(hIn, this.recurrentKernel!)));
    return { output: h, states: [h] };
  }
}

/** Creates a {@link SimpleRNN} layer; with `returnState: true` it returns `[output, ...states]`. */
export function simpleRNN(args: SimpleRNNArgs & { returnState: true }): SimpleRNN<Tensor[]>;
export function simpleRNN(args: SimpleRNNArgs): SimpleRNN;
export function simpleRNN(args: SimpleRNNArgs): SimpleRNN<LayerOutput> {
  return new SimpleRNN<LayerOutput>(args);
}
