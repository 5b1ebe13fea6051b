/**
 * Number and time formatting of Keras' `Progbar`, reproduced with Python's `%` format semantics.
 */

/** Python's `%.Ne` exponent has at least two digits (`1.2346e-05`), JavaScript's one. */
function pythonExponent(text: string): string {
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Python's spelling of the non-finite floats. */
function nonFinite(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  return value > 0 ? 'inf' : '-inf';
}

/**
 * A log value as Keras shows it: 4 decimals (`0.3412`), or scientific notation with 4 decimals
 * when its magnitude is 1e-3 or less (`1.2346e-05`, `0.0000e+00`); `nan`, `inf`, `-inf`.
 */
export function formatLogValue(value: number): string {
  if (!Number.isFinite(value)) return nonFinite(value);
  return Math.abs(value) > 1e-3 ? value.toFixed(4) : pythonExponent(value.toExponential(4));
}

/** Time per step as Keras shows it: ` 2s/step`, ` 64ms/step`, ` 350us/step` (leading space included). */
export function formatStepTime(seconds: number, unitName: string): string {
  if (seconds >= 1 || seconds === 0) return ` ${seconds.toFixed(0)}s/${unitName}`;
  if (seconds >= 1e-3) return ` ${(seconds * 1e3).toFixed(0)}ms/${unitName}`;
  return ` ${(seconds * 1e6).toFixed(0)}us/${unitName}`;
}

function twoDigits(value: number): string {
  return String(Math.trunc(value)).padStart(2, '0');
}

/** Estimated time left as Keras shows it: `12s`, `1:15` (m:ss), `1:02:05` (h:mm:ss). */
export function formatEta(seconds: number): string {
  if (seconds > 3600) {
    return `${Math.trunc(seconds / 3600)}:${twoDigits((seconds % 3600) / 60)}:${twoDigits(seconds % 60)}`;
  }
  if (seconds > 60) return `${Math.trunc(seconds / 60)}:${twoDigits(seconds % 60)}`;
  return `${Math.trunc(seconds)}s`;
}

/** The step count, `current` right-aligned to the width of `target`: ` 12/469`. */
export function formatCount(current: number, target: number): string {
  const digits = Math.floor(Math.log10(target)) + 1;
  return `${String(current).padStart(digits, ' ')}/${target}`;
}

/** The bar itself, `[=====>......]`, `width` characters between the brackets. */
export function formatBar(current: number, target: number, width: number): string {
  const done = Math.min(width, Math.max(0, Math.floor((width * current) / target)));
  const head = done > 0 ? '='.repeat(done - 1) + (current < target ? '>' : '=') : '';
  return `[${head}${'.'.repeat(width - done)}]`;
}
