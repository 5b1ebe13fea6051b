import { LayerwiseError, type ConfigDict } from '@layerwise/core';
import * as layers from '@layerwise/layers';
import type { Layer } from '@layerwise/layers';

type LayerClass = { fromConfig(config: ConfigDict): Layer };

const loadableNames = [
  'Activation',
  'AveragePooling1D',
  'AveragePooling2D',
  'BatchNormalization',
  'Conv1D',
  'Conv2D',
  'Conv2DTranspose',
  'Cropping2D',
  'Dense',
  'Dropout',
  'Flatten',
  'GlobalAveragePooling1D',
  'GlobalAveragePooling2D',
  'GlobalMaxPooling2D',
  'LeakyReLU',
  'MaxPooling1D',
  'MaxPooling2D',
  'ReLU',
  'Reshape',
  'Softmax',
  'UpSampling2D',
  'ZeroPadding2D',
] as const;

/** The Keras layer classes this loader can rebuild, by Keras class name. */
export const loadableLayers: Readonly<Record<string, LayerClass>> = Object.fromEntries(
  loadableNames.map((name) => [name, layers[name] as unknown as LayerClass]),
);

const unsupported = (layer: string, key: string, value: unknown, why: string) =>
  new LayerwiseError(`Layer "${layer}": its config has ${key}=${JSON.stringify(value)}, which Layerwise cannot load yet (${why})`);

/**
 * A Keras 2 / tf.keras layer config made fit for Layerwise's `fromConfig`: Keras' initializer
 * spellings mapped, keys that only repeat defaults dropped, and every setting Layerwise does not
 * implement rejected with an error naming the layer and the key (rather than silently ignored).
 */
export function normalizeLayerConfig(className: string, config: ConfigDict, isFirst: boolean): ConfigDict {
  const name = String(config['name'] ?? className);
  const out: ConfigDict = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === null || value === undefined) continue;
    if (key === 'dtype' || key === 'module' || key === 'registered_name') continue;
    if (key === 'batch_input_shape' || key === 'batch_shape') {
      if (isFirst) out['batch_input_shape'] = value;
      continue;
    }
    if (key === 'data_format') {
      if (value !== 'channels_last') throw unsupported(name, key, value, 'only channels_last');
      continue;
    }
    if (/_(regularizer|constraint)$/.test(key)) throw unsupported(name, key, value, 'regularizers and constraints are not implemented yet');
    if (key === 'alpha' && className === 'LeakyReLU') {
      out['negative_slope'] = value;
      continue;
    }
    if (key.endsWith('initializer') && typeof value === 'object' && !Array.isArray(value)) {
      const init = value as { class_name: string; config: ConfigDict };
      const cfg = { ...(init.config ?? {}) };
      delete cfg['dtype'];
      if (cfg['distribution'] === 'normal') cfg['distribution'] = 'truncated_normal';
      out[key] = { class_name: init.class_name, config: cfg };
      continue;
    }
    out[key] = value;
  }
  return out;
}

/** Rebuilds one layer from its `{ class_name, config }`, with a clear error for unknown classes. */
export function layerFromConfig(className: string, config: ConfigDict, isFirst: boolean): Layer {
  const type = loadableLayers[className];
  if (!type) {
    throw new LayerwiseError(
      `Layer "${String(config['name'] ?? '?')}": unknown layer class '${className}'. Loadable classes: ${Object.keys(loadableLayers).join(', ')}`,
    );
  }
  return type.fromConfig(normalizeLayerConfig(className, config, isFirst));
}
