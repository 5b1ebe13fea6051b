import * as tf from '@tensorflow/tfjs-core';
import type { DataType, Tensor } from '@tensorflow/tfjs-core';
import { checkBoolean, type ConfigDict, type Initializer } from '@layerwise/core';
import { getActivation, type ActivationFn } from '../../activations.js';
import type { LayerOutput } from '../../engine/layer.js';
import { RNNBase, type RNNArgs, type RecurrentStepResult } from './rnn-base.js';

/** Arguments of {@link LSTM}, with Keras' defaults. */
export interface LSTMArgs extends RNNArgs {
  /** Activation of the gates. Default `'sigmoid'`. */
  recurrentActivation?: string;
  /** Start the forget gate's bias at 1 (the rest from `biasInitializer`), as Jozefowicz et al. recommend. Default true. */
  unitForgetBias?: boolean;
}

/** The bias initialiser with Keras' unit forget bias: `[init(units), ones(units), init(2 * units)]`. */
class UnitForgetBias implements Initializer {
  readonly className: string;
  constructor(
    private readonly base: Initializer,
    private readonly units: number,
  ) {
    this.className = base.className;
  }
  apply(_shape: readonly number[], dtype: DataType = 'float32'): Tensor {
    return tf.tidy(() => tf.concat([this.base.apply([this.units], dtype), tf.ones([this.units], dtype), this.base.apply([2 * this.units], dtype)]));
  }
  getConfig(): ConfigDict {
    return this.base.getConfig();
  }
}

/**
 * Long short-term memory (Keras' LSTM), with Keras' gate order i, f, c, o in the kernels: kernel
 * `[inputDim, 4 * units]`, recurrent_kernel `[units, 4 * units]`, bias `[4 * units]`. States `[h, c]`.
 * (PyTorch's `nn.LSTM` uses the same gate order, transposed, with two biases to add.)
 */
export class LSTM<O extends LayerOutput = Tensor> extends RNNBase<O> {
  static override readonly className = 'LSTM';
  readonly recurrentActivation: string;
  readonly unitForgetBias: boolean;
  protected readonly stateCount = 2;
  protected readonly gateCount = 4;
  private readonly recurrentActivationFn: ActivationFn;

  constructor(args: LSTMArgs) {
    super(args);
    this.recurrentActivation = args.recurrentActivation ?? 'sigmoid';
    this.recurrentActivationFn = getActivation(this.recurrentActivation, this.owner);
    this.unitForgetBias = checkBoolean(this.owner, 'unitForgetBias', args.unitForgetBias ?? true);
  }

  protected override biasInitializer(): Initializer {
    return this.unitForgetBias ? new UnitForgetBias(this.initializers.bias, this.units) : this.initializers.bias;
  }

  protected step(projected: Tensor, states: Tensor[], hIn: Tensor): RecurrentStepResult {
    const c = states[1]!;
    const z = tf.add(projected, tf.matMul(hIn, this.recurrentKernel!));
    const [zi, zf, zc, zo] = tf.split(z, 4, 1) as [Tensor, Tensor, Tensor, Tensor];
    const i = this.recurrentActivationFn(zi);
    const f = this.recurrentActivationFn(zf);
    const o = this.recurrentActivationFn(zo);
    const cNext = tf.add(tf.mul(f, c), tf.mul(i, this.activationFn(zc)));
    const h = tf.mul(o, this.activationFn(cNext));
    return { output: h, states: [h, cNext] };
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), recurrent_activation: this.recurrentActivation, unit_forget_bias: this.unitForgetBias };
  }
}

/** Creates an {@link LSTM} layer; with `returnState: true` it returns `[output, ...states]`. */
export function lstm(args: LSTMArgs & { returnState: true }): LSTM<Tensor[]>;
export function lstm(args: LSTMArgs): LSTM;
export function lstm(args: LSTMArgs): LSTM<LayerOutput> {
  return new LSTM<LayerOutput>(args);
}
