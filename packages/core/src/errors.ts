/**
 * The one error class Layerwise throws for bad input. Its message always names what is at fault
 * (the argument, layer, file or shape) and the value received, in Keras' style:
 * "Dense: received an invalid value for `units`, expected a positive integer. Received: units=0".
 */
export class LayerwiseError extends Error {
  override readonly name = 'LayerwiseError';
}

/** How a received value is shown in an error message: JSON where it can be, else `String`. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'function') return value.name ? `function ${value.name}` : 'a function';
  try {
    const json = JSON.stringify(value);
    return json === undefined ? String(value) : json;
  } catch {
    return String(value);
  }
}

/** Options for {@link invalidArgument}. */
export interface InvalidArgumentOptions {
  /** Who received the argument: a layer name, a class or a function (`'Dense "dense_1"'`, `'fit'`). */
  owner: string;
  /** The argument's name (`'units'`). */
  argument: string;
  /** What was expected, as a phrase (`'a positive integer'`). */
  expected: string;
  /** The value received. */
  received: unknown;
}

/** Builds the error for an argument whose value is not accepted. */
export function invalidArgument({ owner, argument, expected, received }: InvalidArgumentOptions): LayerwiseError {
  return new LayerwiseError(
    `${owner}: received an invalid value for \`${argument}\`, expected ${expected}. ` +
      `Received: ${argument}=${describeValue(received)}`,
  );
}

/** Throws {@link invalidArgument}'s error unless `value` is an integer of at least `min`. */
export function checkInteger(owner: string, argument: string, value: unknown, min = 1): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    const expected = min === 1 ? 'a positive integer' : `an integer of at least ${min}`;
    throw invalidArgument({ owner, argument, expected, received: value });
  }
  return value;
}

/** Throws {@link invalidArgument}'s error unless `value` is a finite number in `[min, max]` (bounds given as options). */
export function checkNumber(
  owner: string,
  argument: string,
  value: unknown,
  range: { min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean } = {},
): number {
  const { min = -Infinity, max = Infinity, minExclusive = false, maxExclusive = false } = range;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (minExclusive ? value > min : value >= min) &&
    (maxExclusive ? value < max : value <= max);
  if (!ok) {
    const lo = Number.isFinite(min) ? `${minExclusive ? '(' : '['}${min}` : '(-inf';
    const hi = Number.isFinite(max) ? `${max}${maxExclusive ? ')' : ']'}` : 'inf)';
    throw invalidArgument({ owner, argument, expected: `a number in ${lo}, ${hi}`, received: value });
  }
  return value as number;
}
