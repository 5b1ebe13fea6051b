import { describeValue, LayerwiseError, type ConfigDict, type ConfigValue } from '@layerwise/core';
import { InputLayer } from '../engine/input-layer.js';
import type { AnyLayer } from '../engine/layer.js';
import type { LayerNode, SymbolicTensor } from '../engine/symbolic.js';
import { deserializeLayer } from './registry.js';

// A functional model's config in Keras 2's (and TensorFlow.js') layout:
//   { name, trainable, layers: [{ class_name, name, config, inbound_nodes }], input_layers, output_layers }
// where each inbound node lists the tensors it reads as [layer_name, node_index, tensor_index, {}],
// node_index counting the nodes of that layer inside this model. input_layers and output_layers
// hold one such reference, or a list when the model takes or returns a list.

/** What the config needs of a functional model. */
export interface GraphModel {
  readonly name: string;
  readonly trainable: boolean;
  readonly layers: readonly AnyLayer[];
  readonly nodes: readonly LayerNode[];
  readonly inputs: readonly SymbolicTensor[];
  readonly outputs: readonly SymbolicTensor[];
}

type TensorRef = [string, number, number];

/** The config of a functional model. */
export function functionalConfig(model: GraphModel, inputsAsList: boolean, outputsAsList: boolean): ConfigDict {
  const local = (node: LayerNode) => model.nodes.filter((n) => n.layer === node.layer).indexOf(node);
  const ref = (t: SymbolicTensor): TensorRef => [t.layer.name, local(t.node), t.index];
  const layers = model.layers.map((layer) => ({
    class_name: layer.className,
    name: layer.name,
    config: layer.getConfig(),
    inbound_nodes: model.nodes.filter((n) => n.layer === layer && n.inputs.length > 0).map((n) => n.inputs.map((t) => [...ref(t), {}])),
  }));
  const refs = (tensors: readonly SymbolicTensor[], asList: boolean): ConfigValue => (asList ? tensors.map(ref) : ref(tensors[0]!));
  return {
    name: model.name,
    trainable: model.trainable,
    layers: layers as unknown as ConfigDict[],
    input_layers: refs(model.inputs, inputsAsList),
    output_layers: refs(model.outputs, outputsAsList),
  };
}

/** What the rebuilt graph gives the model's constructor. */
export interface RebuiltGraph {
  name: string | undefined;
  trainable: boolean;
  inputs: SymbolicTensor | SymbolicTensor[];
  outputs: SymbolicTensor | SymbolicTensor[];
}

interface LayerSpec {
  class_name: string;
  name?: string;
  config: ConfigDict;
  inbound_nodes?: unknown[];
}

const isRef = (value: unknown): value is TensorRef =>
  Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'number' && typeof value[2] === 'number';

/**
 * Rebuilds a functional graph from its config: each layer from its `{ class_name, config }`
 * (registered classes included), then each inbound node applied once the tensors it reads exist.
 */
export function rebuildGraph(config: ConfigDict): RebuiltGraph {
  const name = typeof config['name'] === 'string' ? config['name'] : undefined;
  const owner = `Functional "${name ?? '?'}": fromConfig`;
  const specs = config['layers'] as unknown as LayerSpec[];
  if (!Array.isArray(specs)) throw new LayerwiseError(`${owner}: the config's \`layers\` must be a list, received ${describeValue(specs)}`);
  const layers = new Map<string, AnyLayer>();
  const produced = new Map<string, SymbolicTensor[][]>();
  const pending = new Map<string, unknown[][]>();
  for (const spec of specs) {
    const layer = deserializeLayer(spec, owner);
    const layerName = spec.name ?? layer.name;
    if (layers.has(layerName)) throw new LayerwiseError(`${owner}: two layers are named "${layerName}"`);
    layers.set(layerName, layer);
    produced.set(layerName, layer instanceof InputLayer ? [[layer.output]] : []);
    pending.set(layerName, [...((spec.inbound_nodes ?? []) as unknown[][])]);
  }
  const resolve = (value: unknown): SymbolicTensor | undefined => {
    if (!isRef(value)) throw new LayerwiseError(`${owner}: expected a tensor reference [layer_name, node_index, tensor_index], received ${describeValue(value)}`);
    if (!layers.has(value[0])) throw new LayerwiseError(`${owner}: a node reads layer "${value[0]}", which the config does not define`);
    return produced.get(value[0])?.[value[1]]?.[value[2]];
  };
  // Nodes wait until the tensors they read exist (a shared layer's later node may read a later layer).
  for (let progress = true; progress; ) {
    progress = false;
    for (const [layerName, queue] of pending) {
      while (queue.length > 0) {
        const reads = queue[0]!.map(resolve);
        if (reads.some((t) => t === undefined)) break;
        const layer = layers.get(layerName)!;
        const inputs = reads as SymbolicTensor[];
        const out = layer.apply(inputs.length === 1 && layer.inputForm() !== 'list' ? inputs[0]! : inputs);
        produced.get(layerName)!.push(Array.isArray(out) ? out : [out]);
        queue.shift();
        progress = true;
      }
    }
  }
  for (const [layerName, queue] of pending) {
    if (queue.length > 0) throw new LayerwiseError(`${owner}: layer "${layerName}" reads tensors that no node of the config produces: ${describeValue(queue[0])}`);
  }
  const tensors = (value: ConfigValue | undefined, what: string): SymbolicTensor | SymbolicTensor[] => {
    const get = (r: unknown) => {
      const t = resolve(r);
      if (!t) throw new LayerwiseError(`${owner}: ${what} ${describeValue(r)} names no tensor of the graph`);
      return t;
    };
    if (isRef(value)) return get(value);
    if (Array.isArray(value) && value.length > 0) return value.map(get);
    throw new LayerwiseError(`${owner}: \`${what}\` must be a tensor reference or a list of them, received ${describeValue(value)}`);
  };
  return {
    name,
    trainable: config['trainable'] !== false,
    inputs: tensors(config['input_layers'], 'input_layers'),
    outputs: tensors(config['output_layers'], 'output_layers'),
  };
}
