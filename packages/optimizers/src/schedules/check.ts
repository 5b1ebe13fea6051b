import { checkNumber, invalidArgument } from '@layerwise/core';

/** Throws unless `value` is a finite number of at least 0 (a learning rate a schedule starts from or ends at). */
export function checkRate(owner: string, argument: string, value: unknown): number {
  return checkNumber(owner, argument, value, { min: 0 });
}

/** Throws unless `value` is a finite number greater than 0 (a number of steps). */
export function checkSteps(owner: string, argument: string, value: unknown): number {
  return checkNumber(owner, argument, value, { min: 0, minExclusive: true });
}

/** Throws unless `value` is a string or null (a schedule's Keras `name`). */
export function checkScheduleName(owner: string, value: unknown): string | null {
  if (value !== null && (typeof value !== 'string' || value.length === 0)) {
    throw invalidArgument({ owner, argument: 'name', expected: 'a non-empty string or null', received: value });
  }
  return value;
}
