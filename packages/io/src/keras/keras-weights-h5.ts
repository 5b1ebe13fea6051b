import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { LayerwiseError } from '@layerwise/core';
import { Model, type AnyLayer } from '@layerwise/layers';
import type { Group } from 'h5wasm';
import { readH5, writeH5 } from '../h5/h5-runtime.js';
import { datasetTensor, isDataset, isGroup, writeTensor } from '../h5/h5-values.js';
import type { AnyModel, LayerWeightGroup, WeightValue } from '../weights/weight-groups.js';
import { saveableNames } from './saveable-names.js';

// Keras 3's model.weights.h5: `layers/<name>/vars/0..n` per layer (a nested model's layers under
// `layers/<name>/layers/...`), `vars` for the model's own variables, `optimizer/vars/0..n`.

const isModel = (layer: AnyLayer): layer is AnyModel => layer instanceof Model;

function writeContainer(group: Group, layers: readonly AnyLayer[]): void {
  const container = group.create_group('layers');
  saveableNames(layers).forEach((name, i) => {
    const layer = layers[i]!;
    const layerGroup = container.create_group(name);
    if (isModel(layer)) writeContainer(layerGroup, layer.layers);
    const vars = layerGroup.create_group('vars');
    vars.create_attribute('name', layer.name);
    if (!isModel(layer)) layer.weights.forEach((w, j) => writeTensor(vars, String(j), w.variable));
  });
}

/**
 * Writes a model's weights (and, given, the optimizer's variables) in Keras 3's `model.weights.h5`
 * layout, as `.keras` archives and `model.save_weights('x.weights.h5')` hold them.
 */
export function writeKerasWeights(model: AnyModel, optimizerWeights: readonly WeightValue[] = []): Promise<Uint8Array> {
  return writeH5((file) => {
    writeContainer(file, model.layers);
    file.create_group('vars').create_attribute('name', model.name);
    if (optimizerWeights.length > 0) {
      const vars = file.create_group('optimizer').create_group('vars');
      optimizerWeights.forEach((w, i) => writeTensor(vars, String(i), w.tensor, w.name === 'iteration'));
    }
  });
}

/** The numbered datasets of a `vars` group, in number order. */
function readVars(group: Group, path: string, fileBytes: number, source: string, owned: Tensor[]): Tensor[] {
  const keys = group.keys().filter((k) => /^\d+$/.test(k)).sort((a, b) => Number(a) - Number(b));
  return keys.map((key) => {
    const dataset = group.get(key);
    if (!isDataset(dataset)) throw new LayerwiseError(`${source}: '${path}/${key}' is not a dataset`);
    const tensor = datasetTensor(dataset, `${path}/${key}`, fileBytes, source);
    owned.push(tensor);
    return tensor;
  });
}

/** Every variable under a layer's group, its own `vars` first, then its sub-layers' in order. */
function layerTensors(group: Group, path: string, fileBytes: number, source: string, owned: Tensor[]): Tensor[] {
  const vars = group.get('vars');
  const own = isGroup(vars) ? readVars(vars, `${path}/vars`, fileBytes, source, owned) : [];
  const children = group.keys().filter((k) => k !== 'vars');
  return [
    ...own,
    ...children.flatMap((k) => {
      const child = group.get(k);
      if (!isGroup(child)) return [];
      return k === 'layers' ? child.keys().flatMap((c) => layerTensors(child.get(c) as Group, `${path}/layers/${c}`, fileBytes, source, owned)) : layerTensors(child, `${path}/${k}`, fileBytes, source, owned);
    }),
  ];
}

/** The weights of Keras 3's `model.weights.h5` grouped by the model's layers, and the optimizer's variables. The caller disposes the tensors. */
export interface KerasWeights {
  readonly layers: LayerWeightGroup[];
  readonly optimizer: Tensor[];
}

/**
 * Reads Keras 3's `model.weights.h5` for `model`: each top-level layer's group (found by Keras'
 * saveable name) holds its weights in order, nested models' layers after one another.
 */
export function readKerasWeights(model: AnyModel, bytes: Uint8Array, source: string): Promise<KerasWeights> {
  return readH5(bytes, source, (file) => {
    const owned: Tensor[] = [];
    try {
      const container = file.get('layers');
      if (!isGroup(container)) throw new LayerwiseError(`${source}: not a Keras 3 weights file (no 'layers' group)`);
      const names = saveableNames(model.layers);
      const layers = model.layers.map((layer, i) => {
        const group = container.get(names[i]!);
        const tensors = isGroup(group) ? layerTensors(group, `layers/${names[i]}`, bytes.byteLength, source, owned) : [];
        return { layer: layer.name, weights: tensors.map((tensor, j) => ({ name: layer.weights[j]?.name ?? String(j), tensor })) };
      });
      const optimizerVars = file.get('optimizer/vars');
      const optimizer = isGroup(optimizerVars) ? readVars(optimizerVars, 'optimizer/vars', bytes.byteLength, source, owned) : [];
      return { layers, optimizer };
    } catch (error) {
      tf.dispose(owned);
      throw error;
    }
  });
}
