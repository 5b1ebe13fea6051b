import { LayerwiseError, type ConfigDict, type ConfigValue, type Shape } from '@layerwise/core';
import { getLayerClass, Model } from '@layerwise/layers';
import type { AnyModel } from '../weights/weight-groups.js';
import { fromKerasConfig, type KerasSerialized } from './keras-model-config.js';
import { toKerasConfig } from './to-keras-config.js';

const isShape = (value: ConfigValue | undefined): value is (number | null)[] => Array.isArray(value) && value.every((d) => d === null || typeof d === 'number');

/** The input shape Keras recorded for a model built on data (`build_input_shape`, Keras 3's `build_config`). */
function buildShapeOf(serialized: unknown): Shape | undefined {
  const raw = serialized as { config?: ConfigDict; build_config?: ConfigDict };
  const shape = raw.build_config?.['input_shape'] ?? (Array.isArray(raw.config) ? undefined : raw.config?.['build_input_shape']);
  return isShape(shape) ? shape : undefined;
}

/**
 * Builds a model from a Keras, TensorFlow.js or Layerwise model config (`{ class_name, config }`),
 * with Keras' conventions translated ({@link fromKerasConfig}), and builds it for its recorded
 * input shape when its layers do not declare one. An unknown class is an error naming it and
 * saying how to register it; `source` names the file in errors.
 */
export function buildModel(serialized: unknown, source: string): AnyModel {
  const { class_name: className, config } = fromKerasConfig(serialized, source);
  const layer = getLayerClass(className, source).fromConfig(config as never);
  if (!(layer instanceof Model)) {
    layer.dispose();
    throw new LayerwiseError(`${source}: the file describes a ${className} layer, not a model (Sequential or Functional)`);
  }
  const shape = buildShapeOf(serialized);
  if (!layer.built && shape) layer.ensureBuilt(shape);
  return layer as AnyModel;
}

/** A model's config as Keras and TensorFlow.js read it, with the input shape it was built for. */
export function modelConfigFor(model: AnyModel): KerasSerialized {
  const config = model.getConfig();
  const shape = model.inputShape;
  return toKerasConfig({ class_name: model.className, config: shape && model.className === 'Sequential' ? { ...config, build_input_shape: [...shape] } : config });
}
