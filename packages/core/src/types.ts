/**
 * A tensor shape as layers see it: `null` stands for a dimension unknown until data arrives
 * (the batch dimension, usually).
 */
export type Shape = readonly (number | null)[];

/** A JSON-serialisable value, as stored in layer, optimizer and model configs. */
export type ConfigValue = number | string | boolean | null | readonly ConfigValue[] | ConfigDict;

/** A JSON-serialisable object: what every `getConfig()` returns. */
export interface ConfigDict {
  [key: string]: ConfigValue | undefined;
}

/** Formats a shape the way Keras prints it: `(None, 28, 28, 1)`. */
export function formatShape(shape: Shape): string {
  const dims = shape.map((d) => (d === null ? 'None' : String(d)));
  return `(${dims.join(', ')}${dims.length === 1 ? ',' : ''})`;
}
