import type { ConfigDict, ConfigValue } from '@layerwise/core';
import { LayerwiseError, describeValue } from '@layerwise/core';

/**
 * Turns a Keras config (`{ learning_rate: 0.01, beta_1: 0.9 }`) into constructor options
 * (`{ learningRate: 0.01, beta1: 0.9 }`) with the `keys` map (Keras name to option name). Values are
 * passed on unchanged for the constructor to validate. A key not in `keys` is an error naming it,
 * unless `skip(key, value)` returns true (it may throw its own error instead).
 */
export function mapConfigKeys(
  owner: string,
  config: ConfigDict,
  keys: Readonly<Record<string, string>>,
  skip?: (key: string, value: ConfigValue | undefined) => boolean,
): Record<string, unknown> {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new LayerwiseError(`${owner}.fromConfig: expected a config object. Received: ${describeValue(config)}`);
  }
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    const option = Object.hasOwn(keys, key) ? keys[key] : undefined;
    if (option !== undefined) {
      if (value !== undefined) options[option] = value;
    } else if (!skip?.(key, value)) {
      throw new LayerwiseError(`${owner}.fromConfig: unknown config key \`${key}\`. Known keys: ${Object.keys(keys).join(', ')}`);
    }
  }
  return options;
}
