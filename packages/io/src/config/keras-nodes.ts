import { describeValue, LayerwiseError, type ConfigDict, type ConfigValue } from '@layerwise/core';

// Inbound nodes in Keras 2's (and TensorFlow.js') layout: each node a list of
// [layer_name, node_index, tensor_index, kwargs]; Keras 3 writes { args, kwargs } with
// __keras_tensor__ objects whose keras_history is [layer_name, node_index, tensor_index].

type Ref = [string, number, number, ConfigDict?];

const isDict = (value: unknown): value is ConfigDict => typeof value === 'object' && value !== null && !Array.isArray(value);
const isRef = (value: unknown): value is Ref =>
  Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'number' && typeof value[2] === 'number';

/** The tensor references in a Keras 3 call argument (a keras tensor, or lists of them). */
function kerasTensors(value: unknown, out: Ref[]): Ref[] {
  if (Array.isArray(value)) value.forEach((v) => kerasTensors(v, out));
  else if (isDict(value) && value['class_name'] === '__keras_tensor__') {
    const history = (value['config'] as ConfigDict | undefined)?.['keras_history'];
    if (!isRef(history)) throw new LayerwiseError(`a Keras tensor without a valid keras_history: ${describeValue(value)}`);
    out.push([history[0], history[1], history[2], {}]);
  }
  return out;
}

/** A layer's `inbound_nodes` in Keras 2's layout, from either Keras 2's or Keras 3's. */
export function kerasInboundNodes(nodes: unknown, owner: string): Ref[][] {
  if (nodes === undefined || nodes === null) return [];
  if (!Array.isArray(nodes)) throw new LayerwiseError(`${owner}: a layer's inbound_nodes must be a list, received ${describeValue(nodes)}`);
  return nodes.map((node) => {
    if (isDict(node) && 'args' in node) return kerasTensors(node['args'], []);
    if (Array.isArray(node) && node.every(isRef)) return node.map((r) => [r[0], r[1], r[2], {}] as Ref);
    throw new LayerwiseError(`${owner}: cannot read the inbound node ${describeValue(node)}`);
  });
}

interface Spec {
  class_name: string;
  name: string;
  config: ConfigDict;
  inbound_nodes: Ref[][];
}

/** Applies `shift(layerName)` to the node index of every reference in a functional config. */
function shiftRefs(config: ConfigDict, shift: (layer: string) => number): ConfigDict {
  const move = (r: Ref): Ref => [r[0], r[1] + shift(r[0]), r[2], ...(r.length > 3 ? [r[3]!] : [])] as Ref;
  const refs = (value: ConfigValue | undefined): ConfigValue | undefined =>
    isRef(value) ? (move(value) as unknown as ConfigValue) : Array.isArray(value) ? (value.map((v) => (isRef(v) ? move(v) : v)) as ConfigValue) : value;
  const layers = (config['layers'] as unknown as Spec[]).map((spec) => ({ ...spec, inbound_nodes: spec.inbound_nodes.map((node) => node.map(move)) }));
  return { ...config, layers: layers as unknown as ConfigDict[], input_layers: refs(config['input_layers'])!, output_layers: refs(config['output_layers'])! };
}

function allRefs(config: ConfigDict): Ref[] {
  const refs: Ref[] = (config['layers'] as unknown as Spec[]).flatMap((s) => s.inbound_nodes.flat());
  for (const key of ['input_layers', 'output_layers']) {
    const value = config[key];
    if (isRef(value)) refs.push(value);
    else if (Array.isArray(value)) refs.push(...value.filter(isRef));
  }
  return refs;
}

/**
 * Keras 2 and TensorFlow.js count a nested model's node made when it was built on its own input
 * (node 0) in the node indices; Layerwise counts only the nodes inside the model. Shifts the
 * references down by the nodes a layer has outside the config.
 */
export function renumberNodes(config: ConfigDict): ConfigDict {
  const specs = config['layers'] as unknown as Spec[];
  const highest = new Map<string, number>();
  for (const r of allRefs(config)) highest.set(r[0], Math.max(highest.get(r[0]) ?? 0, r[1]));
  const offsets = new Map(specs.map((s) => [s.name, Math.max(0, (highest.get(s.name) ?? 0) - (Math.max(s.inbound_nodes.length, 1) - 1))]));
  return shiftRefs(config, (layer) => -(offsets.get(layer) ?? 0));
}

/** Whether Keras and TensorFlow.js give a layer of this config a node of its own when they rebuild it. */
function hasOwnNode(spec: Spec): boolean {
  if (spec.class_name === 'Functional' || spec.class_name === 'Model') return true;
  if (spec.class_name !== 'Sequential') return false;
  const first = (spec.config['layers'] as unknown as Spec[] | undefined)?.[0];
  return first !== undefined && (first.class_name === 'InputLayer' || first.config['batch_input_shape'] !== undefined);
}

/** The inverse of {@link renumberNodes}, for files that Keras and TensorFlow.js read. */
export function kerasNodeIndices(config: ConfigDict): ConfigDict {
  const specs = config['layers'] as unknown as Spec[];
  const own = new Set(specs.filter(hasOwnNode).map((s) => s.name));
  return shiftRefs(config, (layer) => (own.has(layer) ? 1 : 0));
}
