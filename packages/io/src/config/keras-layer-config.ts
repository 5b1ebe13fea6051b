import type { ConfigDict, ConfigValue } from '@layerwise/core';

// Keys Keras writes that describe how Python stores or builds a layer, not what it computes.
const bookkeeping = new Set(['module', 'registered_name', 'build_config', 'shared_object_id', 'compile_config', 'build_input_shape']);

/** Keras 3 names some activations after their TensorFlow op. */
const activationAliases: Readonly<Record<string, string>> = { softmax_v2: 'softmax', log_softmax_v2: 'log_softmax' };

const isDict = (value: unknown): value is ConfigDict => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `{ module, class_name: 'function', config: 'relu' }` (Keras 3) or `'softmax_v2'` → `'relu'`, `'softmax'`. */
function activationName(value: ConfigValue): ConfigValue {
  const name = isDict(value) && value['class_name'] === 'function' && typeof value['config'] === 'string' ? value['config'] : value;
  return typeof name === 'string' ? (activationAliases[name] ?? name) : name;
}

/** A serialised initialiser, regulariser or constraint without Keras 3's bookkeeping and dtype. */
function serializedObject(key: string, value: ConfigDict): ConfigDict {
  const config = isDict(value['config']) ? { ...value['config'] } : {};
  delete config['dtype'];
  // Keras 2's VarianceScaling 'normal' draws from a truncated normal (Keras 3 calls it 'truncated_normal').
  if (key.endsWith('initializer') && config['distribution'] === 'normal') config['distribution'] = 'truncated_normal';
  return { class_name: value['class_name'] as string, config };
}

/**
 * One layer's config in the spelling of Keras 2.1 to 3 and TensorFlow.js, made fit for Layerwise's
 * `fromConfig`: Keras 3's `batch_shape`, `module`, `registered_name`, `build_config` and dtype
 * policies, activations serialised as functions, and `data_format: 'channels_last'` (the only
 * layout) are translated or dropped. Everything else is kept, so that a setting Layerwise does
 * not implement is refused by the layer itself, naming it.
 */
export function kerasLayerConfig(className: string, config: ConfigDict): ConfigDict {
  const out: ConfigDict = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === null || value === undefined || bookkeeping.has(key)) continue;
    if (key === 'dtype') {
      // InputLayer keeps its tensor dtype; elsewhere it is Keras' compute policy (always float32 here).
      if (className === 'InputLayer' && typeof value === 'string') out[key] = value;
      continue;
    }
    if ((key === 'sparse' || key === 'ragged') && value === false) continue;
    if (key === 'batch_shape') out['batch_input_shape'] = value;
    // tf.keras 2.4 writes a normalisation axis as a list of one.
    else if (key === 'axis' && Array.isArray(value) && value.length === 1 && /Normalization$/.test(className)) out[key] = value[0]!;
    else if (key === 'data_format' && value === 'channels_last') continue;
    else if (key === 'activation' || key === 'recurrent_activation') out[key] = activationName(value);
    else if (/_(initializer|regularizer|constraint)$/.test(key) && isDict(value)) out[key] = serializedObject(key, value);
    else out[key] = value;
  }
  return out;
}
