import * as tf from '@tensorflow/tfjs-core';
import { formatShape, LayerwiseError, type ConfigDict } from '@layerwise/core';
import { Sequential } from '@layerwise/layers';
import { decodeWeights } from './decode-weights.js';
import { layerFromConfig } from './layer-registry.js';
import type { ModelJson, SerializedLayer } from './model-json.js';

/** Model JSON and weight bytes already in memory (from a fetch, a file input, a bundle). */
export interface LayersModelArtifacts {
  readonly modelJson: ModelJson;
  /** The shard files' bytes, concatenated in manifest order. */
  readonly weightData: Uint8Array;
  /** Named in error messages. */
  readonly source?: string;
}

function sequentialLayers(json: ModelJson, source: string): { name: string | undefined; layers: readonly SerializedLayer[] } {
  const topology = json.modelTopology;
  const modelConfig = topology?.model_config ?? (topology?.class_name ? { class_name: topology.class_name, config: topology.config ?? {} } : undefined);
  if (!modelConfig) throw new LayerwiseError(`${source}: model.json has no modelTopology.model_config`);
  if (modelConfig.class_name !== 'Sequential') {
    throw new LayerwiseError(
      `${source}: the model is a '${modelConfig.class_name}' (functional) model; this loader rebuilds Sequential models only, the functional API is not there yet`,
    );
  }
  const config = modelConfig.config;
  // Keras 2.1 stores a Sequential config as a bare list of layers.
  if (Array.isArray(config)) return { name: undefined, layers: config as readonly SerializedLayer[] };
  const dict = config as ConfigDict;
  return { name: typeof dict['name'] === 'string' ? dict['name'] : undefined, layers: (dict['layers'] ?? []) as unknown as readonly SerializedLayer[] };
}

/**
 * Rebuilds a TensorFlow.js Layers model (a `Sequential` saved by tfjs or converted from Keras) with
 * Layerwise layers and loads its weights by name, checking every name and shape.
 */
export function modelFromArtifacts(artifacts: LayersModelArtifacts): Sequential {
  const source = artifacts.source ?? 'model.json';
  const { name, layers } = sequentialLayers(artifacts.modelJson, source);
  const specs = artifacts.modelJson.weightsManifest.flatMap((group) => group.weights);
  const weights = decodeWeights(artifacts.weightData, specs, source);
  let model: Sequential | undefined;
  try {
    model = new Sequential(name ? { name } : {});
    layers.forEach((layer, i) => model!.add(layerFromConfig(layer.class_name, layer.config, i === 0)));
    const unused = new Set(weights.keys());
    for (const layer of model.layers) {
      const values = layer.weights.map((w) => {
        const value = weights.get(w.name) ?? weights.get(`${w.name}:0`);
        if (!value) {
          throw new LayerwiseError(`${source}: no weight '${w.name}' for layer "${layer.name}" in the manifest (it has ${[...weights.keys()].slice(0, 8).join(', ')}...)`);
        }
        if (!tf.util.arraysEqual(value.shape, w.variable.shape)) {
          throw new LayerwiseError(`${source}: weight '${w.name}' of layer "${layer.name}" has shape ${formatShape(value.shape)} in the file, the layer needs ${formatShape(w.variable.shape)}`);
        }
        unused.delete(w.name);
        return value;
      });
      layer.setWeights(values);
    }
    if (unused.size > 0) throw new LayerwiseError(`${source}: weights ${[...unused].join(', ')} belong to no layer of the model`);
    return model;
  } catch (error) {
    model?.dispose();
    throw error;
  } finally {
    tf.dispose([...weights.values()]);
  }
}

/**
 * Loads a TensorFlow.js Layers model from a folder or a `model.json` path in Node: reads the JSON,
 * the shard files it lists (checked to exist and to hold exactly the bytes the manifest claims), and
 * rebuilds the model.
 *
 * @example
 * ```ts
 * const model = await loadLayersModel('models/doodlenet/model.json');
 * model.summary();
 * const probabilities = model.predictOnBatch(images);
 * ```
 */
export async function loadLayersModel(path: string): Promise<Sequential> {
  const fs = await import('node:fs/promises');
  const { dirname, join } = await import('node:path');
  const file = path.endsWith('.json') ? path : join(path, 'model.json');
  let modelJson: ModelJson;
  try {
    modelJson = JSON.parse(await fs.readFile(file, 'utf8')) as ModelJson;
  } catch (error) {
    throw new LayerwiseError(`loadLayersModel: cannot read '${file}': ${(error as Error).message}`);
  }
  if (!Array.isArray(modelJson.weightsManifest)) throw new LayerwiseError(`loadLayersModel: '${file}' has no weightsManifest`);
  const shards: Uint8Array[] = [];
  for (const group of modelJson.weightsManifest) {
    for (const shard of group.paths) {
      const shardPath = join(dirname(file), shard);
      if (!shardPath.startsWith(dirname(file))) throw new LayerwiseError(`loadLayersModel: shard path '${shard}' leaves the model's folder`);
      try {
        shards.push(new Uint8Array(await fs.readFile(shardPath)));
      } catch (error) {
        throw new LayerwiseError(`loadLayersModel: cannot read weight file '${shardPath}' listed in '${file}': ${(error as Error).message}`);
      }
    }
  }
  const total = shards.reduce((n, s) => n + s.byteLength, 0);
  const weightData = new Uint8Array(total);
  let offset = 0;
  for (const s of shards) {
    weightData.set(s, offset);
    offset += s.byteLength;
  }
  return modelFromArtifacts({ modelJson, weightData, source: file });
}
