import { formatShape, LayerwiseError, type Shape } from '@layerwise/core';

/**
 * Checks that a received input shape fits the shape a layer expects (`null` matches anything)
 * and raises Keras' error naming the layer and both shapes when it does not.
 */
export function assertShapeCompatible(layerName: string, expected: Shape, received: Shape, index = 0): void {
  const ok = expected.length === received.length && expected.every((d, i) => d === null || received[i] === null || d === received[i]);
  if (!ok) {
    throw new LayerwiseError(
      `Input ${index} of layer "${layerName}" is incompatible with the layer: expected shape ${formatShape(expected)}, ` +
        `but received input with shape ${formatShape(received)}`,
    );
  }
}

/** The product of a shape's known dimensions; throws if one is unknown. */
export function sizeOf(shape: Shape, owner: string): number {
  let size = 1;
  for (const d of shape) {
    if (d === null) throw new LayerwiseError(`${owner}: needs a fully known shape, received ${formatShape(shape)}`);
    size *= d;
  }
  return size;
}

/** Whether `shape` is a list of shapes (the input shape of a layer applied to several tensors). */
export function isShapeList(shape: Shape | readonly Shape[]): shape is readonly Shape[] {
  return shape.length > 0 && Array.isArray(shape[0]);
}

/** The shape with its batch dimension unknown: `[8, 3]` → `[null, 3]`. */
export function withoutBatch(shape: Shape): Shape {
  return [null, ...shape.slice(1)];
}
