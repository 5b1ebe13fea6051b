import { LayerwiseError, describeValue, invalidArgument } from './errors.js';

/**
 * Throws a {@link LayerwiseError} unless `options` is a plain object whose keys are all in
 * `known`, so that a misspelt option (`restore_best_weights`) fails loudly instead of being ignored.
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

/** Throws {@link invalidArgument}'s error unless `value` is one of `allowed`. */
export function checkOneOf<T extends string | number>(
  owner: string,
  argument: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (!allowed.includes(value as T)) {
    const expected = `one of ${allowed.map((a) => describeValue(a)).join(', ')}`;
    throw invalidArgument({ owner, argument, expected, received: value });
  }
  return value as T;
}
