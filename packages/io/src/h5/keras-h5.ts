import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { LayerwiseError, type ConfigDict } from '@layerwise/core';
import type { Dataset, File as H5File, Group } from 'h5wasm';
import type { KerasSerialized } from '../config/keras-model-config.js';
import type { LayerWeightGroup, WeightValue } from '../weights/weight-groups.js';
import { readH5, writeH5 } from './h5-runtime.js';
import { datasetTensor, isDataset, isGroup, namesAttr, stringAttr, writeNamesAttr, writeStringAttr, writeTensor } from './h5-values.js';

/** What a Keras HDF5 file (full model or weights only) holds. The caller disposes the tensors. */
export interface KerasH5Contents {
  /** The parsed `model_config`; absent in weights-only files. */
  readonly modelConfig?: unknown;
  /** The parsed `training_config` (Keras 2 layout), when the model was compiled. */
  readonly trainingConfig?: ConfigDict;
  readonly kerasVersion?: string;
  /** Each layer's weights, in `layer_names` order, each in its `weight_names` order. */
  readonly layers: LayerWeightGroup[];
  /**
   * The optimizer's variables when they are in Keras 3's (and Layerwise's) order: `iteration`,
   * `learning_rate`, then each variable's slots. Keras 2's optimizer layouts are not read.
   */
  readonly optimizerWeights: Tensor[];
}

function parseJsonAttr(group: Group, name: string, source: string): unknown {
  const text = stringAttr(group, name);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new LayerwiseError(`${source}: the '${name}' attribute is not valid JSON: ${(error as Error).message}`);
  }
}

function readWeights(group: Group, names: readonly string[], where: string, fileBytes: number, source: string, out: Tensor[]): WeightValue[] {
  return names.map((name) => {
    const dataset = group.get(name);
    if (!isDataset(dataset)) throw new LayerwiseError(`${source}: weight '${name}' listed in ${where}'s weight_names has no dataset`);
    const tensor = datasetTensor(dataset, `${where}/${name}`, fileBytes, source);
    out.push(tensor);
    return { name: name.replace(/:0$/, ''), tensor };
  });
}

/** Reads a Keras HDF5 file: Keras 2.1 to 2.x, tf.keras and Keras 3's legacy writer; full model or weights only. */
export function readKerasH5(bytes: Uint8Array, source: string): Promise<KerasH5Contents> {
  return readH5(bytes, source, (file) => {
    const owned: Tensor[] = [];
    try {
      const modelWeights = file.get('model_weights');
      const weightsGroup = isGroup(modelWeights) ? modelWeights : file;
      const layerNames = namesAttr(weightsGroup, 'layer_names');
      if (layerNames.length === 0 && !isGroup(modelWeights)) {
        throw new LayerwiseError(`${source}: not a Keras HDF5 file (no model_weights group and no layer_names attribute)`);
      }
      const layers = layerNames.map((layer) => {
        const group = weightsGroup.get(layer);
        if (!isGroup(group)) throw new LayerwiseError(`${source}: layer_names lists '${layer}', which has no group`);
        return { layer, weights: readWeights(group, namesAttr(group, 'weight_names'), layer, bytes.byteLength, source, owned) };
      });
      const optimizerGroup = file.get('optimizer_weights');
      let optimizerWeights: Tensor[] = [];
      if (isGroup(optimizerGroup)) {
        const names = namesAttr(optimizerGroup, 'weight_names');
        if (names[0] === 'iteration' && names[1] === 'learning_rate') {
          optimizerWeights = readWeights(optimizerGroup, names, 'optimizer_weights', bytes.byteLength, source, owned).map((w) => w.tensor);
        }
      }
      const trainingConfig = parseJsonAttr(file, 'training_config', source) as ConfigDict | undefined;
      const kerasVersion = stringAttr(file, 'keras_version') ?? stringAttr(weightsGroup, 'keras_version');
      return {
        modelConfig: parseJsonAttr(file, 'model_config', source),
        ...(trainingConfig ? { trainingConfig } : {}),
        ...(kerasVersion ? { kerasVersion } : {}),
        layers,
        optimizerWeights,
      };
    } catch (error) {
      tf.dispose(owned);
      throw error;
    }
  });
}

/** What to write into a Keras HDF5 file. */
export interface KerasH5Writing {
  /** The model config ({@link modelConfigFor}); omit for a weights-only file. */
  readonly modelConfig?: KerasSerialized;
  /** The compile settings, written as Keras 2's `training_config`. */
  readonly trainingConfig?: ConfigDict;
  readonly layers: readonly LayerWeightGroup[];
  /** Named optimizer values (`iteration`, `learning_rate`, slots), written under `optimizer_weights`. */
  readonly optimizerWeights?: readonly WeightValue[];
}

const KERAS_VERSION = 'layerwise';

function writeLayers(group: Group, layers: readonly LayerWeightGroup[]): void {
  writeNamesAttr(group, 'layer_names', layers.map((l) => l.layer));
  writeStringAttr(group, 'backend', 'tensorflow');
  writeStringAttr(group, 'keras_version', KERAS_VERSION);
  for (const { layer, weights } of layers) {
    const layerGroup = group.create_group(layer);
    const names = weights.map((w) => `${w.name}:0`);
    writeNamesAttr(layerGroup, 'weight_names', names);
    weights.forEach((w, i) => {
      const parts = names[i]!.split('/');
      let parent: Group = layerGroup;
      for (const part of parts.slice(0, -1)) {
        const existing = parent.get(part);
        parent = isGroup(existing) ? existing : parent.create_group(part);
      }
      writeTensor(parent, parts.at(-1)!, w.tensor);
    });
  }
}

/**
 * Writes a Keras HDF5 file in tf.keras 2's layout: `model_config` and `training_config` JSON
 * attributes, `model_weights/<layer>` groups with `weight_names` (`dense/kernel:0`) and float32
 * datasets at those paths, `optimizer_weights`; or, for weights only, the layer groups at the root.
 */
export function writeKerasH5(contents: KerasH5Writing): Promise<Uint8Array> {
  return writeH5((file: H5File) => {
    if (!contents.modelConfig) {
      writeLayers(file, contents.layers);
      return;
    }
    writeStringAttr(file, 'keras_version', KERAS_VERSION);
    writeStringAttr(file, 'backend', 'tensorflow');
    writeStringAttr(file, 'model_config', JSON.stringify(contents.modelConfig));
    if (contents.trainingConfig) writeStringAttr(file, 'training_config', JSON.stringify(contents.trainingConfig));
    writeLayers(file.create_group('model_weights'), contents.layers);
    if (contents.optimizerWeights && contents.optimizerWeights.length > 0) {
      const group = file.create_group('optimizer_weights');
      const names = contents.optimizerWeights.map((w) => w.name.replace(/\//g, '_'));
      writeNamesAttr(group, 'weight_names', names);
      contents.optimizerWeights.forEach((w, i) => writeTensor(group, names[i]!, w.tensor, w.name === 'iteration'));
    }
  });
}
