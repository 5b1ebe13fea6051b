const counters = new Map<string, number>();

/** `'Conv2D'` → `'conv2d'`, `'BatchNormalization'` → `'batch_normalization'` (Keras' naming). */
export function toSnakeCase(className: string): string {
  return className
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * A fresh name in Keras' pattern: the first `dense`, then `dense_1`, `dense_2`, ... Counters are
 * per process, as in Keras.
 */
export function uniqueName(prefix: string): string {
  const n = counters.get(prefix) ?? 0;
  counters.set(prefix, n + 1);
  return n === 0 ? prefix : `${prefix}_${n}`;
}
