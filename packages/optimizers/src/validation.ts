import { LayerwiseError, checkNumber, invalidArgument } from '@layerwise/core';

/** Throws unless `value` is a decay factor in `[0, 1)` (momentum, rho, beta1, beta2). */
export function checkDecay(owner: string, argument: string, value: unknown): number {
  return checkNumber(owner, argument, value, { min: 0, max: 1, maxExclusive: true });
}

/** Throws unless `value` is an epsilon: a finite number of at least 0. */
export function checkEpsilon(owner: string, value: unknown): number {
  return checkNumber(owner, 'epsilon', value, { min: 0 });
}

/** Throws unless `value` is a boolean. */
export function checkBoolean(owner: string, argument: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw invalidArgument({ owner, argument, expected: 'a boolean', received: value });
  return value;
}

/** Throws unless `value` is a non-empty string. */
export function checkName(owner: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw invalidArgument({ owner, argument: 'name', expected: 'a non-empty string', received: value });
  }
  return value;
}

/**
 * Throws unless `options` is undefined or a plain object whose keys are all in `allowed`, so that
 * a misspelt option (`momentun`) is reported instead of silently ignored.
 */
export function checkOptions<T extends object>(owner: string, options: T | undefined, allowed: readonly string[]): Partial<T> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw invalidArgument({ owner, argument: 'options', expected: 'an options object', received: options });
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new LayerwiseError(`${owner}: unknown option \`${key}\`. Known options: ${allowed.join(', ')}`);
    }
  }
  return options;
}
