import type { DataType, Tensor, Variable } from '@tensorflow/tfjs-core';
import type { Initializer, Shape } from '@layerwise/core';
import type { Layer } from './layer.js';
import type { Masks } from './mask.js';
import type { SymbolicTensor } from './symbolic.js';

// The types around `Layer`: its arguments, what `call` is told, what `apply` and
// `computeOutputShape` return, and its weights.

/** Arguments every layer accepts. */
export interface LayerArgs {
  /** The layer's name; default: the snake-cased class name made unique (`dense`, `dense_1`). */
  name?: string;
  /** Whether training updates this layer's weights. Default true. */
  trainable?: boolean;
  /**
   * Shape of one sample, without the batch dimension (`null` for a dimension of any size, such as
   * the steps of a sequence). Declares the model input on a first layer.
   */
  inputShape?: readonly (number | null)[];
  /** Fixes the batch size of `inputShape`. */
  batchSize?: number;
}

/** What `call` is told about the current pass. */
export interface CallContext {
  /**
   * True during `fit`: dropout drops, batch normalization uses the batch's statistics. The rule for
   * frozen layers (Keras 3's rule for BatchNormalization, applied to every layer): a layer whose
   * `trainable` is false is called with `training: false`, and so is everything inside a frozen
   * model, so a frozen pretrained base runs in inference mode inside a model being trained.
   */
  readonly training: boolean;
  /**
   * The mask of the input (Keras' `mask` call argument): a boolean `[batch, timesteps]` tensor for
   * one input, or a list for a list of inputs. Models fill it from `computeMask` of the layer before;
   * layers that use it (recurrent, attention, global 1D pooling) read it, and a mask given to a layer
   * whose `supportsMasking` is false is an error.
   */
  readonly mask?: Masks | undefined;
}

/** What a layer's `call` returns: one tensor, or a list for layers and models with several outputs. */
export type LayerOutput = Tensor | Tensor[];

/** A layer with any number of outputs (models with several outputs included). */
export type AnyLayer = Layer<LayerOutput>;

/** What `apply` returns for symbolic inputs: a symbolic tensor, or a list for several outputs. */
export type SymbolicOutput<O extends LayerOutput> = O extends readonly Tensor[] ? SymbolicTensor[] : SymbolicTensor;

/** What `computeOutputShape` returns: a shape, or a list for several outputs. */
export type OutputShape<O extends LayerOutput> = O extends readonly Tensor[] ? Shape[] : Shape;

/**
 * What `call` takes: one tensor (`'tensor'`, most layers), a list (`'list'`: merge layers, models
 * with several inputs) or either (`'either'`).
 */
export type InputForm = 'tensor' | 'list' | 'either';

/** One weight of a layer. */
export interface LayerWeight {
  /** Keras-style path: `'dense/kernel'`. */
  readonly name: string;
  readonly variable: Variable;
  /** Whether the weight itself is trainable (a layer's `trainable` flag applies on top). */
  readonly trainable: boolean;
}

/** Options of {@link Layer.addWeight}. */
export interface AddWeightOptions {
  name: string;
  shape: readonly number[];
  initializer: Initializer;
  trainable?: boolean;
  dtype?: DataType;
}
