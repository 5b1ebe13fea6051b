import type { Tensor } from '@tensorflow/tfjs-core';
import { checkOptions, type BatchTensors } from '@layerwise/core';
import { model as functional, type Functional } from '@layerwise/layers';
import { graphTensors, type GraphModel, type GraphTensor } from './graph-tensors.js';

/** Options of {@link activationModel} and {@link layerActivations}. */
export interface ActivationModelOptions {
  /** The layers whose outputs are returned (default every layer but the inputs, in graph order). */
  layers?: readonly string[];
}

/** One layer's activation for an input. */
export interface LayerActivation {
  /** The layer's name (with the output index for layers with several outputs). */
  readonly name: string;
  /** The layer's class name (`'Conv2D'`). */
  readonly className: string;
  /** The activation, batch first; the caller disposes it. */
  readonly activation: Tensor;
}

/**
 * A model returning every layer's activation for an input, as Deep Learning with Python's
 * `activation_model = keras.Model(inputs=model.input, outputs=layer_outputs)`: a functional model
 * over the same layers and weights (never dispose it: that would free the original's weights), with
 * one output per layer, in graph order. `outputNames` are the layers' names.
 *
 * @example
 * ```ts
 * const activations = activationModel(model, { layers: ['conv2d', 'max_pooling2d'] });
 * const [conv, pool] = activations.predictOnBatch(image);
 * ```
 */
export function activationModel(model: GraphModel, options: ActivationModelOptions = {}): Functional<Tensor[]> {
  checkOptions('activationModel', options, ['layers']);
  const tensors = graphTensors('activationModel', model, options.layers);
  return activationModelOf(model, tensors);
}

/** The functional model with the given layer outputs. */
export function activationModelOf(model: GraphModel, tensors: readonly GraphTensor[]): Functional<Tensor[]> {
  return functional({ inputs: model.inputs, outputs: tensors.map((t) => t.tensor), name: `${model.name}_activations` });
}

/**
 * Every chosen layer's activation for an input (one batch, in inference mode), named after its
 * layer. The caller disposes the tensors.
 */
export function layerActivations(model: GraphModel, x: BatchTensors, options: ActivationModelOptions = {}): LayerActivation[] {
  checkOptions('layerActivations', options, ['layers']);
  const tensors = graphTensors('layerActivations', model, options.layers);
  const values = activationModelOf(model, tensors).predictOnBatch(x);
  return tensors.map((t, i) => ({ name: t.name, className: t.layer.className, activation: values[i]! }));
}
