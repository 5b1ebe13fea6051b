import { LayerwiseError, describeValue, invalidArgument } from '@layerwise/core';
import type { ConfigDict } from '@layerwise/core';

/**
 * The fuzz factor of Keras' probability losses: predicted probabilities are clipped to
 * `[EPSILON, 1 - EPSILON]` before their logarithm is taken (`keras.config.epsilon()`).
 */
export const EPSILON = 1e-7;

/**
 * Throws a {@link LayerwiseError} unless `options` is a plain object whose keys are all in
 * `known`, so that a misspelt option (`from_logits`) fails loudly instead of being ignored.
 */
export function checkOptions(owner: string, options: unknown, known: readonly string[]): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw invalidArgument({ owner, argument: 'options', expected: 'an options object', received: options });
  }
  for (const [key, value] of Object.entries(options)) {
    if (!known.includes(key)) {
      throw new LayerwiseError(
        `${owner}: received an unknown option \`${key}\`; known options are ${known.join(', ')}. ` +
          `Received: ${key}=${describeValue(value)}`,
      );
    }
  }
}

/** Throws {@link invalidArgument}'s error unless `value` is a boolean. */
export function checkBoolean(owner: string, argument: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw invalidArgument({ owner, argument, expected: 'a boolean', received: value });
  }
  return value;
}

/**
 * Checks a config given to a loss' `fromConfig`: a plain object whose keys are in `known`
 * (Keras' snake_case names) and whose `name`, when present, is the loss' Keras name.
 */
export function checkConfig(owner: string, config: unknown, known: readonly string[], name: string): ConfigDict {
  checkOptions(`${owner}.fromConfig`, config, ['name', ...known]);
  const dict = config as ConfigDict;
  if (dict['name'] !== undefined && dict['name'] !== name) {
    throw invalidArgument({ owner: `${owner}.fromConfig`, argument: 'name', expected: `'${name}'`, received: dict['name'] });
  }
  return dict;
}
