import { checkNumber, invalidArgument } from '@layerwise/core';

/** Throws unless `gamma` is a finite number of at least 0 (the focusing exponent). */
export function checkGamma(owner: string, gamma: unknown): number {
  return checkNumber(owner, 'gamma', gamma, { min: 0 });
}

/**
 * Throws unless `alpha` is a finite number of at least 0, or (when `perClass`) a non-empty
 * array of such numbers, one per class. Arrays are copied.
 */
export function checkAlpha(owner: string, alpha: unknown, perClass: boolean): number | readonly number[] {
  if (perClass && Array.isArray(alpha)) {
    const ok = alpha.length > 0 && alpha.every((a) => typeof a === 'number' && Number.isFinite(a) && a >= 0);
    if (!ok) throw invalidArgument({ owner, argument: 'alpha', expected: 'a non-negative number or an array of them, one per class', received: alpha });
    return [...(alpha as number[])];
  }
  return checkNumber(owner, 'alpha', alpha, perClass ? { min: 0 } : { min: 0, max: 1 });
}
