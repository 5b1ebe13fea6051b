import * as tf from '@tensorflow/tfjs-core';
import { LayerwiseError, type ConfigDict } from '@layerwise/core';
import { buildModel, modelConfigFor } from '../config/build-model.js';
import type { KerasSerialized } from '../config/keras-model-config.js';
import { restoreTraining } from '../training/restore-training.js';
import { assignNamedWeights } from '../weights/assign-weights.js';
import { modelWeightGroups, type AnyModel } from '../weights/weight-groups.js';
import { decodeWeights } from './decode-weights.js';
import { encodeWeights } from './encode-weights.js';
import type { ModelJson, WeightSpec } from './model-json.js';

/** Model JSON and weight bytes in memory: what the TensorFlow.js Layers format stores. */
export interface LayersModelArtifacts {
  readonly modelJson: ModelJson;
  /** The shard files' bytes, concatenated in manifest order. */
  readonly weightData: Uint8Array;
  /** Named in error messages. */
  readonly source?: string;
}

/** The model config inside a `model.json`, in either layout TensorFlow.js and its converter write. */
export function modelConfigOf(json: ModelJson, source: string): KerasSerialized {
  const topology = json.modelTopology;
  const config = topology?.model_config ?? (topology?.class_name ? { class_name: topology.class_name, config: topology.config ?? {} } : undefined);
  if (!config) throw new LayerwiseError(`${source}: model.json has no model topology (modelTopology.model_config or modelTopology.class_name)`);
  return config as unknown as KerasSerialized;
}

/** The model weights of a manifest (TensorFlow.js stores optimizer weights in it too, marked `group: 'optimizer'`). */
export function manifestSpecs(json: ModelJson): WeightSpec[] {
  return json.weightsManifest.flatMap((group) => group.weights);
}

/**
 * Rebuilds a TensorFlow.js Layers model (Sequential or functional, nested models and registered
 * custom layers included; saved by TensorFlow.js, converted from Keras, or written by
 * {@link toLayersArtifacts}) and loads its weights by name, checking every name, shape and byte;
 * compiles it as its `trainingConfig` says unless `compile` is false. (TensorFlow.js' optimizer
 * weights are in TensorFlow.js' own layout and are not read.)
 */
export function modelFromArtifacts(artifacts: LayersModelArtifacts, options: { compile?: boolean } = {}): AnyModel {
  const source = artifacts.source ?? 'model.json';
  if (!Array.isArray(artifacts.modelJson?.weightsManifest)) throw new LayerwiseError(`${source}: model.json has no weightsManifest list`);
  const config = modelConfigOf(artifacts.modelJson, source);
  const weights = decodeWeights(artifacts.weightData, manifestSpecs(artifacts.modelJson), source);
  let model: AnyModel | undefined;
  try {
    model = buildModel(config, source);
    const modelWeights = new Map([...weights].filter(([name]) => !name.startsWith('optimizer/')));
    assignNamedWeights(model, modelWeights, source);
    if (options.compile !== false) restoreTraining(model, artifacts.modelJson.trainingConfig, [], source);
    return model;
  } catch (error) {
    model?.dispose();
    throw error;
  } finally {
    tf.dispose([...weights.values()]);
  }
}

/**
 * A model in the TensorFlow.js Layers format: the `model.json` content (topology in TensorFlow.js'
 * layout, one weight group) and the weight bytes, which `@tensorflow/tfjs-layers` loads.
 * `trainingConfig` (the compile settings, Keras 2's `training_config` layout) is added when given.
 */
export function toLayersArtifacts(model: AnyModel, options: { trainingConfig?: ConfigDict; shardPath?: string } = {}): LayersModelArtifacts {
  const weights = modelWeightGroups(model).flatMap((g) => g.weights);
  const { specs, data } = encodeWeights(weights.filter((w, i) => weights.findIndex((v) => v.tensor === w.tensor) === i));
  const topology = modelConfigFor(model);
  const modelJson: ModelJson = {
    format: 'layers-model',
    generatedBy: 'Layerwise',
    convertedBy: null,
    modelTopology: { ...topology, config: topology.config as ConfigDict, keras_version: 'layerwise', backend: 'tensor_flow.js' },
    ...(options.trainingConfig ? { trainingConfig: options.trainingConfig } : {}),
    weightsManifest: [{ paths: [options.shardPath ?? 'group1-shard1of1.bin'], weights: specs }],
  };
  return { modelJson, weightData: data };
}
