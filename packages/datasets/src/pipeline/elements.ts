import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';

/**
 * What a dataset yields: a tensor, a number, or arrays and plain objects of them
 * (`{ x: Tensor, y: Tensor }` being the usual case).
 */
export type Element = Tensor | number | string | boolean | readonly Element[] | { readonly [key: string]: Element };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof tf.Tensor);

/** Every tensor inside an element. */
export function tensorsIn(value: unknown, into: Tensor[] = []): Tensor[] {
  if (value instanceof tf.Tensor) into.push(value);
  else if (Array.isArray(value)) for (const v of value) tensorsIn(v, into);
  else if (isPlainObject(value)) for (const v of Object.values(value)) tensorsIn(v, into);
  return into;
}

/** Disposes the tensors of `value` that `keep` does not hold (a map's input after the map). */
export function disposeExcept(value: unknown, keep: unknown): void {
  const kept = new Set(tensorsIn(keep));
  for (const t of tensorsIn(value)) if (!kept.has(t) && !t.isDisposed) t.dispose();
}

/** Disposes every tensor of an element. */
export function disposeElement(value: unknown): void {
  for (const t of tensorsIn(value)) if (!t.isDisposed) t.dispose();
}

/** A copy of an element whose tensors are clones (cached elements are handed out as copies). */
export function cloneElement<T>(value: T): T {
  if (value instanceof tf.Tensor) return tf.clone(value) as T;
  if (Array.isArray(value)) return value.map((v) => cloneElement(v)) as T;
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cloneElement(v)])) as T;
  return value;
}

/** Applies `fn` to the leaves (tensors and numbers) of same-shaped elements, keeping the structure. */
export function mapStructure(items: readonly unknown[], fn: (leaves: unknown[], path: string) => unknown, path = ''): unknown {
  const first = items[0];
  if (Array.isArray(first)) {
    return first.map((_, i) => mapStructure(items.map((item) => (item as unknown[])[i]), fn, `${path}[${i}]`));
  }
  if (isPlainObject(first)) {
    return Object.fromEntries(Object.keys(first).map((k) => [k, mapStructure(items.map((item) => (item as Record<string, unknown>)[k]), fn, path ? `${path}.${k}` : k)]));
  }
  return fn([...items], path);
}
