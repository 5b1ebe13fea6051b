import { formatShape, invalidArgument, LayerwiseError, type Shape } from '@layerwise/core';

/** Validates an `axis` argument (an integer or a non-empty list of distinct integers) and returns it as given. */
export function checkAxes(owner: string, axis: unknown): number | number[] {
  const list = typeof axis === 'number' ? [axis] : axis;
  if (!Array.isArray(list) || list.length === 0 || list.some((a) => !Number.isInteger(a)) || new Set(list).size !== list.length) {
    throw invalidArgument({ owner, argument: 'axis', expected: 'an integer or a non-empty list of distinct integers', received: axis });
  }
  return typeof axis === 'number' ? axis : [...(axis as number[])];
}

/** The axes as non-negative indices for an input of `rank`, sorted; the batch axis 0 is refused. */
export function resolveAxes(owner: string, axis: number | number[], rank: number): number[] {
  const list = (typeof axis === 'number' ? [axis] : axis).map((a) => (a < 0 ? rank + a : a));
  if (list.some((a) => a < 1 || a >= rank) || new Set(list).size !== list.length) {
    throw new LayerwiseError(`${owner}: axis ${JSON.stringify(axis)} does not fit inputs of rank ${rank} (the batch axis cannot be normalised)`);
  }
  return list.sort((a, b) => a - b);
}

/** The dimensions of `shape` at `axes`, which must be known. */
export function knownDims(owner: string, shape: Shape, axes: number[]): number[] {
  return axes.map((a) => {
    const d = shape[a];
    if (d == null) throw new LayerwiseError(`${owner}: the normalised axes must be known, received ${formatShape(shape)}`);
    return d;
  });
}
