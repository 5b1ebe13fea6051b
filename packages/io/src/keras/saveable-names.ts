import type { AnyLayer } from '@layerwise/layers';

/** Keras' `to_snake_case` of a class name: `'BatchNormalization'` → `'batch_normalization'`, `'Conv2D'` → `'conv2d'`. */
export function kerasSnakeCase(name: string): string {
  return name
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * The names Keras 3's saving library gives a container's layers in `model.weights.h5`: the
 * snake-cased class name, numbered from the second of a class on (`dense`, `dense_1`, `flatten`).
 */
export function saveableNames(layers: readonly AnyLayer[]): string[] {
  const used = new Map<string, number>();
  return layers.map((layer) => {
    const base = kerasSnakeCase(layer.className === 'Functional' ? 'Functional' : layer.className);
    const count = used.get(base);
    used.set(base, count === undefined ? 0 : count + 1);
    return count === undefined ? base : `${base}_${count + 1}`;
  });
}
