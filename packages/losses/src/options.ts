import { checkOptions, invalidArgument } from '@layerwise/core';

export { checkBoolean, checkOptions } from '@layerwise/core';
import type { ConfigDict } from '@layerwise/core';

/**
 * The fuzz factor of Keras' probability losses: predicted probabilities are clipped to
 * `[EPSILON, 1 - EPSILON]` before their logarithm is taken (`keras.config.epsilon()`).
 */
export const EPSILON = 1e-7;

/**
 * Checks a config given to a loss' `fromConfig`: a plain object whose keys are `name`,
 * `reduction` or in `known` (Keras' snake_case names), and whose `name`, when present, is the
 * loss' Keras name.
 */
export function checkConfig(owner: string, config: unknown, known: readonly string[], name: string): ConfigDict {
  checkOptions(`${owner}.fromConfig`, config, ['name', 'reduction', ...known]);
  const dict = config as ConfigDict;
  if (dict['name'] !== undefined && dict['name'] !== name) {
    throw invalidArgument({ owner: `${owner}.fromConfig`, argument: 'name', expected: `'${name}'`, received: dict['name'] });
  }
  return dict;
}
