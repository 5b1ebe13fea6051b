import { LayerwiseError, describeValue, invalidArgument } from '@layerwise/core';
import type { ConfigDict } from '@layerwise/core';

/**
 * Throws a {@link LayerwiseError} unless `options` is a plain object whose keys are all in
 * `known`, so that a misspelt option fails loudly instead of being ignored.
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

/** Throws {@link invalidArgument}'s error unless `value` is a non-empty string (a metric name). */
export function checkName(owner: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw invalidArgument({ owner, argument: 'name', expected: 'a non-empty string', received: value });
  }
  return value;
}

/** Checks a config given to a metric's `fromConfig`: a plain object with keys in `known`. */
export function checkConfig(owner: string, config: unknown, known: readonly string[]): ConfigDict {
  checkOptions(`${owner}.fromConfig`, config, known);
  return config as ConfigDict;
}
