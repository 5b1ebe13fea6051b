/**
 * The batches per pass a source states through a numeric `size` (a Dataset from
 * `@layerwise/datasets` or `@tensorflow/tfjs-data`: `Infinity` once repeated), else undefined.
 */
export function declaredSize(source: object): number | undefined {
  const size = (source as { size?: unknown }).size;
  return typeof size === 'number' && size >= 0 && (Number.isInteger(size) || size === Infinity) ? size : undefined;
}

/**
 * Whether iterating `source` again continues where the last pass stopped instead of starting over:
 * a generator object, or any iterator that returns itself as its iterable.
 */
export function isOneShot(source: object): boolean {
  const it = source as { next?: unknown; [Symbol.iterator]?: () => unknown; [Symbol.asyncIterator]?: () => unknown };
  if (typeof it.next !== 'function') return false;
  return it[Symbol.asyncIterator]?.() === source || it[Symbol.iterator]?.() === source;
}
