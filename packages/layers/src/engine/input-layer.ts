import * as tf from '@tensorflow/tfjs-core';
import type { DataType, Tensor } from '@tensorflow/tfjs-core';
import { checkOneOf, invalidArgument, type ConfigDict } from '@layerwise/core';
import { Layer, type LayerArgs } from './layer.js';
import { LayerNode, recordNode, type SymbolicTensor } from './symbolic.js';

/** Arguments of {@link InputLayer}. */
export interface InputLayerArgs extends Omit<LayerArgs, 'trainable'> {
  /** The dtype of the input. Default `'float32'`. */
  dtype?: DataType;
}

const DTYPES: readonly DataType[] = ['float32', 'int32', 'bool'];

/**
 * The entry point of a functional model (Keras' `InputLayer`): no weights, one node without inputs,
 * whose output is the symbolic tensor `input()` returns. A model's `layers` list its input layers first.
 */
export class InputLayer extends Layer {
  static override readonly className = 'InputLayer';
  readonly dtype: DataType;

  constructor(args: InputLayerArgs) {
    super(args);
    const owner = `InputLayer "${this.name}"`;
    if (!this.batchInputShape) {
      throw invalidArgument({ owner, argument: 'inputShape', expected: 'the shape of one sample, such as [784]', received: args.inputShape });
    }
    this.dtype = checkOneOf(owner, 'dtype', args.dtype ?? 'float32', DTYPES);
    recordNode(new LayerNode(this, [], false, [this.batchInputShape], false, this.dtype));
    this.ensureBuilt(this.batchInputShape);
  }

  /** The input layer's tensor (its input is its output). */
  override get input(): SymbolicTensor {
    return this.output;
  }

  call(x: Tensor): Tensor {
    return tf.clone(x);
  }

  override getConfig(): ConfigDict {
    return { name: this.name, batch_input_shape: [...this.batchInputShape!], dtype: this.dtype };
  }
}

/** Options of {@link input}. */
export interface InputOptions {
  /** Shape of one sample, without the batch dimension (`null` for any size): `[28, 28, 1]`, `[null, 8]`. */
  shape: readonly (number | null)[];
  /** Fixes the batch size. */
  batchSize?: number;
  /** The input layer's name; default `input_layer`, `input_layer_1`, ... */
  name?: string;
  /** Default `'float32'`; `'int32'` for token ids. */
  dtype?: DataType;
}

/**
 * A symbolic input of a functional model (Keras' `keras.Input`): apply layers to it, then make a
 * model from the inputs to the outputs.
 *
 * @example
 * ```ts
 * const x = input({ shape: [784], name: 'pixels' });
 * const y = dense({ units: 10, activation: 'softmax' }).apply(dense({ units: 64, activation: 'relu' }).apply(x));
 * const classifier = model({ inputs: x, outputs: y });
 * ```
 */
export function input(options: InputOptions): SymbolicTensor {
  if (options === null || typeof options !== 'object' || !Array.isArray(options.shape)) {
    throw invalidArgument({ owner: 'input', argument: 'shape', expected: 'the shape of one sample, such as { shape: [784] }', received: options?.shape });
  }
  const { shape, batchSize, name, dtype } = options;
  const layer = new InputLayer({
    inputShape: shape,
    ...(batchSize === undefined ? {} : { batchSize }),
    ...(name === undefined ? {} : { name }),
    ...(dtype === undefined ? {} : { dtype }),
  });
  return layer.output;
}
