import { describeValue, LayerwiseError, type ConfigDict, type ConfigValue } from '@layerwise/core';
import { kerasLayerConfig } from './keras-layer-config.js';
import { kerasInboundNodes, renumberNodes } from './keras-nodes.js';

/** A layer or model as Keras configs nest them: `{ class_name, config }` (functional layers add `name`, `inbound_nodes`). */
export interface KerasSerialized {
  class_name: string;
  config: ConfigDict | ConfigDict[];
  name?: string;
  inbound_nodes?: unknown[];
}

const isDict = (value: unknown): value is ConfigDict => typeof value === 'object' && value !== null && !Array.isArray(value);
const isSerialized = (value: unknown): value is KerasSerialized =>
  isDict(value) && typeof value['class_name'] === 'string' && (isDict(value['config']) || Array.isArray(value['config']));

// Config keys of wrappers that hold a whole layer.
const nestedLayerKeys = new Set(['layer', 'backward_layer', 'cell']);

/**
 * A Sequential's layers without a leading InputLayer (Keras 2.2.5+ and 3 write one; Layerwise
 * declares the input on the first layer), its shape moved onto that layer.
 */
function sequentialLayers(layers: KerasSerialized[], owner: string): KerasSerialized[] {
  const [first, ...rest] = layers;
  if (!first || first.class_name !== 'InputLayer') return layers;
  const inputConfig = first.config as ConfigDict;
  const shape = inputConfig['batch_input_shape'] ?? inputConfig['batch_shape'];
  if (rest.length === 0) throw new LayerwiseError(`${owner}: the Sequential has an InputLayer and no other layer`);
  const next = rest[0]!;
  const nextConfig = next.config as ConfigDict;
  const withShape = nextConfig['batch_input_shape'] === undefined && shape !== undefined ? { ...nextConfig, batch_input_shape: shape as ConfigValue } : nextConfig;
  return [{ ...next, config: withShape }, ...rest.slice(1)];
}

/** Only the first layer of a Sequential declares the input (Keras 2.2 wrote it on others too). */
function withoutLaterInputShapes(layers: KerasSerialized[]): KerasSerialized[] {
  return layers.map((layer, i) => {
    const config = layer.config as ConfigDict;
    if (i === 0 || config['batch_input_shape'] === undefined) return layer;
    const { batch_input_shape: _, ...rest } = config;
    return { ...layer, config: rest };
  });
}

/** Keras 2 lists a model's one input or output in a list of one; Layerwise (as TensorFlow.js) then takes and returns a tensor. */
const single = (refs: ConfigValue | undefined): ConfigValue | undefined =>
  Array.isArray(refs) && refs.length === 1 && Array.isArray(refs[0]) ? refs[0] : refs;

/**
 * A model or layer config as Keras 2.1 to 3 or TensorFlow.js wrote it, turned into the config
 * Layerwise's `fromConfig` reads: Keras 2.1's bare-list Sequential config, a leading InputLayer,
 * `Model` as the functional class, Keras 3's inbound nodes, node indices that count nodes made
 * outside the model, and each layer's spelling ({@link kerasLayerConfig}); nested models and
 * wrapped layers likewise. `owner` names the file in errors.
 */
export function fromKerasConfig(serialized: unknown, owner: string): KerasSerialized {
  if (!isSerialized(serialized)) throw new LayerwiseError(`${owner}: expected a layer or model as { class_name, config }, received ${describeValue(serialized)}`);
  const { class_name: className } = serialized;
  if (className === 'Sequential') {
    const raw = serialized.config;
    const dict: ConfigDict = Array.isArray(raw) ? { layers: raw } : raw;
    const layers = dict['layers'];
    if (!Array.isArray(layers)) throw new LayerwiseError(`${owner}: the Sequential's \`layers\` must be a list, received ${describeValue(layers)}`);
    const converted = sequentialLayers(layers.map((l) => fromKerasConfig(l, owner)), owner);
    const config: ConfigDict = { layers: withoutLaterInputShapes(converted) as unknown as ConfigDict[] };
    if (typeof dict['name'] === 'string') config['name'] = dict['name'];
    if (dict['trainable'] === false) config['trainable'] = false;
    return { class_name: 'Sequential', config };
  }
  if (className === 'Model' || className === 'Functional') {
    const dict = serialized.config as ConfigDict;
    const layers = dict['layers'];
    if (!Array.isArray(layers)) throw new LayerwiseError(`${owner}: the functional model's \`layers\` must be a list, received ${describeValue(layers)}`);
    const converted = layers.map((spec) => {
      const layer = fromKerasConfig(spec, owner);
      const raw = spec as ConfigDict;
      return { ...layer, name: String(raw['name'] ?? (layer.config as ConfigDict)['name']), inbound_nodes: kerasInboundNodes(raw['inbound_nodes'], owner) };
    });
    const config: ConfigDict = { ...dict, layers: converted as unknown as ConfigDict[], input_layers: single(dict['input_layers'])!, output_layers: single(dict['output_layers'])! };
    for (const key of ['dtype', 'module', 'registered_name', 'build_config']) delete config[key];
    return { class_name: 'Functional', config: renumberNodes(config) };
  }
  const config: ConfigDict = kerasLayerConfig(className, serialized.config as ConfigDict);
  for (const [key, value] of Object.entries(config)) {
    if (nestedLayerKeys.has(key) && isSerialized(value)) config[key] = fromKerasConfig(value, owner) as unknown as ConfigDict;
  }
  return { class_name: className, config };
}
