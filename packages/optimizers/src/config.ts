import type { ConfigDict, ConfigValue } from '@layerwise/core';
import { LayerwiseError, describeValue } from '@layerwise/core';

/**
 * Keras' base optimizer config keys that Layerwise does not implement, with the value that means
 * "off". A Keras config carrying them at that value loads; any other value is an error, never a
 * silently ignored setting. `ema_momentum` and `ema_overwrite_frequency` only matter with `use_ema`.
 */
const KERAS_BASE_KEYS: Readonly<Record<string, (value: ConfigValue | undefined) => boolean>> = {
  weight_decay: (v) => v == null || v === 0,
  clipnorm: (v) => v == null,
  clipvalue: (v) => v == null,
  global_clipnorm: (v) => v == null,
  use_ema: (v) => v == null || v === false,
  ema_momentum: () => true,
  ema_overwrite_frequency: () => true,
  loss_scale_factor: (v) => v == null || v === 1,
  gradient_accumulation_steps: (v) => v == null || v === 1,
};

/**
 * Turns a Keras optimizer config (`{ learning_rate: 0.01, beta_1: 0.9 }`) into constructor options
 * (`{ learningRate: 0.01, beta1: 0.9 }`) with the `keys` map (Keras name to option name). Values are
 * passed on unchanged for the constructor to validate; unknown keys and unsupported Keras settings
 * are errors naming the key.
 */
export function configToOptions(owner: string, config: ConfigDict, keys: Readonly<Record<string, string>>): Record<string, unknown> {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new LayerwiseError(`${owner}.fromConfig: expected a config object. Received: ${describeValue(config)}`);
  }
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    const option = keys[key];
    if (option !== undefined) {
      if (value !== undefined) options[option] = value;
    } else if (key in KERAS_BASE_KEYS) {
      if (!KERAS_BASE_KEYS[key]!(value)) {
        throw new LayerwiseError(`${owner}.fromConfig: \`${key}\` is not supported by Layerwise yet. Received: ${key}=${describeValue(value)}`);
      }
    } else {
      throw new LayerwiseError(`${owner}.fromConfig: unknown config key \`${key}\`. Known keys: ${Object.keys(keys).join(', ')}`);
    }
  }
  return options;
}
