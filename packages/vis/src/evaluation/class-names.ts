import { invalidArgument } from '@layerwise/core';

/** The class names to show: the ones given (one per class), else the class indices. */
export function classNamesOf(owner: string, classes: number, names: readonly string[] | undefined): string[] {
  if (names === undefined) return Array.from({ length: classes }, (_, i) => String(i));
  if (!Array.isArray(names) || names.length < classes) {
    throw invalidArgument({ owner, argument: 'classNames', expected: `a name for each of the ${classes} classes`, received: names });
  }
  return names.map(String);
}
