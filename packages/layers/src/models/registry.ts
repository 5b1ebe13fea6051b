import { describeValue, LayerwiseError, type ConfigDict } from '@layerwise/core';
import { InputLayer } from '../engine/input-layer.js';
import { Layer, type AnyLayer } from '../engine/layer.js';
import { registerLayerClass, resolveLayerClass } from '../layers/core/layer-registry.js';
import * as builtIn from '../layers/index.js';
import { Functional } from './functional.js';
import { Sequential } from './sequential.js';

/** A layer class as deserialisation needs it: a static `className` and `fromConfig`. */
export interface LayerClass {
  readonly className: string;
  fromConfig(config: ConfigDict): AnyLayer;
}

/** A layer's `{ class_name, config }` form, as in model configs. */
export interface SerializedLayer {
  class_name: string;
  config: ConfigDict;
}

const registered = new Map<string, LayerClass>();

function isLayerClass(value: unknown): value is LayerClass {
  return (
    typeof value === 'function' &&
    value.prototype instanceof Layer &&
    typeof (value as { className?: unknown }).className === 'string' &&
    typeof (value as { fromConfig?: unknown }).fromConfig === 'function'
  );
}

/** The layer and model classes Layerwise knows without registration, by class name. */
function builtInClasses(): Map<string, LayerClass> {
  const known = new Map<string, LayerClass>([
    ['InputLayer', InputLayer],
    ['Sequential', Sequential],
    ['Functional', Functional],
    // Keras 2 and TensorFlow.js name functional models 'Model'.
    ['Model', Functional],
  ]);
  for (const value of Object.values(builtIn) as unknown[]) {
    if (isLayerClass(value) && value.className !== '' && !known.has(value.className)) known.set(value.className, value);
  }
  return known;
}

/**
 * Makes a layer class of your own known to deserialisation (`Sequential.fromConfig`,
 * `Functional.fromConfig`, and the wrappers' `fromConfig`), under its static `className`. Nothing
 * is registered on import: call it once before loading configs that name the class. Registering a
 * second class under a taken name throws.
 *
 * @example
 * ```ts
 * class Scale extends Layer { static override readonly className = 'Scale'; ... }
 * registerLayer(Scale);
 * const copy = Sequential.fromConfig(model.getConfig());
 * ```
 */
export function registerLayer(type: LayerClass): void {
  if (!isLayerClass(type)) {
    throw new LayerwiseError(`registerLayer: expected a class extending Layer, with a static className, received ${describeValue(type)}`);
  }
  const name = type.className;
  if (!Object.hasOwn(type, 'className') || name === '') {
    // An inherited className would register the class under its parent's name ('Dense').
    throw new LayerwiseError(
      `registerLayer: the class ${describeValue(type)} needs its own static className, such as static override readonly className = 'MyLayer'`,
    );
  }
  const existing = registered.get(name);
  if (existing && existing !== type) throw new LayerwiseError(`registerLayer: the class name '${name}' is already registered to another class`);
  registered.set(name, type);
  registerLayerClass(type);
}

/**
 * The class deserialisation uses for a class name: a registered one first, then the built-in
 * layers and models. Throws naming the class and how to register it.
 */
export function getLayerClass(className: string, owner = 'getLayerClass'): LayerClass {
  const own = registered.get(className);
  if (own) return own;
  const known = builtInClasses();
  const found = known.get(className);
  if (found) return found;
  try {
    // Classes registered with the wrappers' registerLayerClass.
    return resolveLayerClass(className, owner) as LayerClass;
  } catch {
    const names = layerClassNames();
    throw new LayerwiseError(
      `${owner}: unknown layer class '${className}'. If it is a layer of your own, register it before deserialising: ` +
        `registerLayer(${className}) (with static className = '${className}'). Known classes: ${names.join(', ')}`,
    );
  }
}

/**
 * The class names deserialisation knows, sorted: the built-in layers and models, and the classes
 * registered with `registerLayer`.
 */
export function layerClassNames(): string[] {
  return [...new Set([...builtInClasses().keys(), ...registered.keys()])].sort();
}

/** A layer's `{ class_name, config }` form. */
export function serializeLayer(layer: AnyLayer): SerializedLayer {
  return { class_name: layer.className, config: layer.getConfig() };
}

/** Rebuilds a layer (or model) from its `{ class_name, config }` form; `owner` names the caller in errors. */
export function deserializeLayer(value: SerializedLayer, owner = 'deserializeLayer'): AnyLayer {
  if (typeof value !== 'object' || value === null || typeof value.class_name !== 'string') {
    throw new LayerwiseError(`${owner}: expected a layer as { class_name, config }, received ${describeValue(value)}`);
  }
  return getLayerClass(value.class_name, owner).fromConfig(value.config ?? {});
}
