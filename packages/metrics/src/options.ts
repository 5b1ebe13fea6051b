import { checkOptions, invalidArgument } from '@layerwise/core';
import type { ConfigDict } from '@layerwise/core';

export { checkOptions } from '@layerwise/core';

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
