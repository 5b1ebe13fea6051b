import { LayerwiseError } from '@layerwise/core';

/** Python's spelling of the non-finite floats. */
function nonFinite(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  return value > 0 ? 'inf' : '-inf';
}

// Python's format-spec mini-language, the part file names use: [[fill]align][sign][0][width][.precision][type].
const SPEC = /^(?:(.)?([<>=^]))?([+\- ])?(0)?(\d+)?(?:\.(\d+))?([dfFeEgGs%])?$/;

/** Formats one value with a Python format spec (`02d`, `.2f`, `.4e`, `>8.3f`, ...). */
export function formatPythonSpec(value: unknown, spec: string, owner: string, field: string): string {
  const match = SPEC.exec(spec);
  if (!match) throw new LayerwiseError(`${owner}: the format spec \`{${field}:${spec}}\` is not supported (use forms such as 02d, .2f, .4e)`);
  const [, fill, align, sign, zero, width, precision, type] = match;
  let text: string;
  if (typeof value === 'number') {
    const p = precision === undefined ? undefined : Number(precision);
    if (type === 'd') {
      if (!Number.isInteger(value)) throw new LayerwiseError(`${owner}: \`{${field}:${spec}}\` formats integers, but ${field} is ${value}`);
      text = String(Math.abs(value));
    } else if (!Number.isFinite(value)) text = nonFinite(Math.abs(value));
    else if (type === 'f' || type === 'F') text = Math.abs(value).toFixed(p ?? 6);
    else if (type === '%') text = `${(Math.abs(value) * 100).toFixed(p ?? 6)}%`;
    else if (type === 'e' || type === 'E') text = Math.abs(value).toExponential(p ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
    else if (type === 'g' || type === 'G') text = String(Number(Math.abs(value).toPrecision(p ?? 6)));
    else text = String(Math.abs(value));
    if (type === 'E' || type === 'G' || type === 'F') text = text.toUpperCase();
    const negative = value < 0 || Object.is(value, -0);
    const prefix = negative ? '-' : sign === '+' ? '+' : sign === ' ' ? ' ' : '';
    if (zero && !align && width) text = prefix + text.padStart(Number(width) - prefix.length, '0');
    else text = prefix + text;
  } else {
    if (type !== undefined && type !== 's') throw new LayerwiseError(`${owner}: \`{${field}:${spec}}\` formats numbers, but ${field} is ${JSON.stringify(value)}`);
    text = String(value);
    if (precision !== undefined) text = text.slice(0, Number(precision));
  }
  const size = Number(width ?? 0);
  if (text.length >= size) return text;
  const pad = fill ?? ' ';
  const how = align ?? (typeof value === 'number' ? '>' : '<');
  if (how === '<') return text + pad.repeat(size - text.length);
  if (how === '^') {
    const left = Math.floor((size - text.length) / 2);
    return pad.repeat(left) + text + pad.repeat(size - text.length - left);
  }
  return pad.repeat(size - text.length) + text;
}

/**
 * Fills a file-name template the way Python's `str.format` fills Keras' checkpoint paths:
 * `weights.{epoch:02d}-{val_loss:.2f}.keras` with `{ epoch: 3, val_loss: 0.4567 }` gives
 * `weights.03-0.46.keras`; `{{` and `}}` are literal braces. A name missing from `values` is an
 * error that lists the names available.
 */
export function formatPathTemplate(template: string, values: Readonly<Record<string, unknown>>, owner: string): string {
  return template.replace(/\{\{|\}\}|\{([^{}:]*)(?::([^{}]*))?\}/g, (whole, name: string | undefined, spec: string | undefined) => {
    if (whole === '{{') return '{';
    if (whole === '}}') return '}';
    const field = name ?? '';
    if (!(field in values)) {
      throw new LayerwiseError(
        `${owner}: the file path template names \`${field}\`, which is not among the values available when saving: ${Object.keys(values).join(', ')}`,
      );
    }
    const value = values[field];
    return spec ? formatPythonSpec(value, spec, owner, field) : typeof value === 'number' && !Number.isFinite(value) ? nonFinite(value) : String(value);
  });
}
