import { checkInteger, invalidArgument } from '@layerwise/core';

/** A size given as one number for every spatial axis, or one per axis. */
export type SpatialSize = number | readonly number[];

/** Expands a size to `rank` positive integers, naming the argument in errors. */
export function normalizeTuple(owner: string, argument: string, value: SpatialSize, rank: number): number[] {
  const values = typeof value === 'number' ? Array.from({ length: rank }, () => value) : [...value];
  if (values.length !== rank) {
    throw invalidArgument({ owner, argument, expected: `a positive integer or ${rank} of them`, received: value });
  }
  values.forEach((v, i) => checkInteger(owner, typeof value === 'number' ? argument : `${argument}[${i}]`, v));
  return values;
}

/** Checks a padding mode. */
export function checkPadding(owner: string, padding: unknown): 'valid' | 'same' {
  if (padding !== 'valid' && padding !== 'same') {
    throw invalidArgument({ owner, argument: 'padding', expected: "'valid' or 'same'", received: padding });
  }
  return padding;
}

/** Output length of one spatial axis, as Keras computes it (null stays null). */
export function convOutputLength(length: number | null, kernel: number, padding: 'valid' | 'same', stride: number, dilation = 1): number | null {
  if (length === null) return null;
  const effective = (kernel - 1) * dilation + 1;
  const out = padding === 'same' ? length : length - effective + 1;
  return Math.floor((out + stride - 1) / stride);
}
