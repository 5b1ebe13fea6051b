import { describeValue, LayerwiseError, type ConfigDict } from '@layerwise/core';
import { Layer, type AnyLayer } from '../../engine/layer.js';
import * as builtIn from '../index.js';

/** A layer class as the registry needs it: its config name and its `fromConfig`. */
export interface LayerClass {
  readonly className: string;
  fromConfig(config: ConfigDict): AnyLayer;
}

/** A layer's `{ class_name, config }` form, as nested in wrapper configs (`TimeDistributed`, `Bidirectional`). */
export interface SerializedLayer {
  class_name: string;
  config: ConfigDict;
}

const registered = new Map<string, LayerClass>();

/**
 * Makes a layer class known to the wrappers' `fromConfig` (a `TimeDistributed` or `Bidirectional`
 * config naming it). The public entry is `registerLayer` (models/registry), which calls this; the
 * built-in layers are known already.
 */
export function registerLayerClass(type: LayerClass): void {
  if (typeof type?.fromConfig !== 'function' || typeof type.className !== 'string' || type.className === '') {
    throw new LayerwiseError(`registerLayerClass: expected a layer class with a static className, received ${describeValue(type)}`);
  }
  registered.set(type.className, type);
}

function isLayerClass(value: unknown): value is LayerClass {
  return typeof value === 'function' && value.prototype instanceof Layer && typeof (value as { className?: unknown }).className === 'string';
}

/** The class registered (or built in) under `className`, or a clear error naming `owner`. */
export function resolveLayerClass(className: string, owner: string): LayerClass {
  const own = registered.get(className);
  if (own) return own;
  // Every layer class exported by the layers barrel, found when first needed.
  const known: LayerClass[] = (Object.values(builtIn) as unknown[]).filter(isLayerClass);
  const found = known.find((type) => type.className === className);
  if (!found) {
    const names = [...new Set([...known.map((t) => t.className), ...registered.keys()])].sort();
    throw new LayerwiseError(`${owner}: unknown layer class '${className}'; register it with registerLayer. Known: ${names.join(', ')}`);
  }
  return found;
}

/** Whether a value is a layer's `{ class_name, config }` form. */
export function isSerializedLayer(value: unknown): value is SerializedLayer {
  return typeof value === 'object' && value !== null && typeof (value as SerializedLayer).class_name === 'string' && typeof (value as SerializedLayer).config === 'object';
}

/** Rebuilds a layer from its `{ class_name, config }` form. */
export function deserializeLayer(value: SerializedLayer, owner: string): AnyLayer {
  return resolveLayerClass(value.class_name, owner).fromConfig(value.config);
}

/** A layer's `{ class_name, config }` form. */
export function serializeLayer(layer: AnyLayer): SerializedLayer {
  return { class_name: layer.className, config: layer.getConfig() };
}
