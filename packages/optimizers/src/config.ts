import type { ConfigDict, ConfigValue } from '@layerwise/core';
import { LayerwiseError, describeValue } from '@layerwise/core';
import { mapConfigKeys } from './config-keys.js';
import { deserializeLearningRateSchedule } from './schedules/serialization.js';
import type { CustomSchedules } from './schedules/serialization.js';

/**
 * Keras' base optimizer config keys that Layerwise does not implement, with the check that their
 * value means "off". A Keras config carrying them off loads; any other value is an error, never a
 * silently ignored setting.
 */
const UNSUPPORTED_KERAS_KEYS: Readonly<Record<string, (value: ConfigValue | undefined) => boolean>> = {
  loss_scale_factor: (v) => v == null || v === 1,
};

/**
 * Turns a Keras optimizer config into constructor options with the `keys` map (Keras name to
 * option name; include `BASE_CONFIG_KEYS`). A serialised schedule under `learning_rate`
 * (`{ class_name, config }`) becomes a `LearningRateSchedule`, looked up among the built-in ones and
 * `customSchedules`. Other values are passed on for the constructor to validate; unknown keys and
 * unsupported Keras settings that are on are errors naming the key.
 */
export function configToOptions(
  owner: string,
  config: ConfigDict,
  keys: Readonly<Record<string, string>>,
  customSchedules?: CustomSchedules,
): Record<string, unknown> {
  const options = mapConfigKeys(owner, config, keys, (key, value) => {
    const isOff = Object.hasOwn(UNSUPPORTED_KERAS_KEYS, key) ? UNSUPPORTED_KERAS_KEYS[key] : undefined;
    if (isOff === undefined) return false;
    if (!isOff(value)) throw new LayerwiseError(`${owner}.fromConfig: \`${key}\` is not supported by Layerwise yet. Received: ${key}=${describeValue(value)}`);
    return true;
  });
  const learningRate = options['learningRate'];
  if (typeof learningRate === 'object' && learningRate !== null && !Array.isArray(learningRate)) {
    options['learningRate'] = deserializeLearningRateSchedule(learningRate as ConfigDict, customSchedules);
  }
  return options;
}
