import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { RNNBase, type RNNArgs, type StepResult } from './rnn-base.js';

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
export class SimpleRNN extends RNNBase {
  static override readonly className = 'SimpleRNN';
  protected readonly stateCount = 1;
  protected readonly gateCount = 1;

  protected step(projected: Tensor, _states: Tensor[], hIn: Tensor): StepResult {
    const h = this.activationFn(tf.add(projected, tf.matMul(hIn, this.recurrentKernel!)));
    return { output: h, states: [h] };
  }
}

/** Creates a {@link SimpleRNN} layer. */
export const simpleRNN = (args: SimpleRNNArgs): SimpleRNN => new SimpleRNN(args);
