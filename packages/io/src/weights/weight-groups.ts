import type { Tensor } from '@tensorflow/tfjs-core';
import type { AnyLayer, Model } from '@layerwise/layers';
import type { LayerOutput } from '@layerwise/layers';

/** A weight value and its Keras name (`'dense/kernel'`). */
export interface WeightValue {
  readonly name: string;
  readonly tensor: Tensor;
}

/**
 * The weights of one of a model's layers, in the layer's order (trainable first, as Keras): how
 * Keras' HDF5 files and `.keras` archives group them. A nested model is one group.
 */
export interface LayerWeightGroup {
  readonly layer: string;
  readonly weights: readonly WeightValue[];
}

/** Any model, whatever it outputs. */
export type AnyModel = Model<LayerOutput>;

/** A layer's weights as a group; the tensors are the live variables (not copies). */
export function layerWeightGroup(layer: AnyLayer): LayerWeightGroup {
  return { layer: layer.name, weights: layer.weights.map((w) => ({ name: w.name, tensor: w.variable })) };
}

/** Every layer of the model as a weight group, in `model.layers` order (layers without weights included). */
export function modelWeightGroups(model: AnyModel): LayerWeightGroup[] {
  return model.layers.map(layerWeightGroup);
}
