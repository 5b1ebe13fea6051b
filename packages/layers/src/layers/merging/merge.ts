import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { formatShape, LayerwiseError, type Shape } from '@layerwise/core';
import { Layer, type InputForm } from '../../engine/layer.js';
import { isShapeList } from '../../engine/shape.js';

/** `Add "add"`: how merge layers are named in errors. */
export function mergeOwner(layer: Layer): string {
  return `${layer.className} "${layer.name}"`;
}

/** Checks that a merge layer received a list of `min`..`max` shapes whose batch sizes agree; returns the list. */
export function checkMergeInputs(layer: Layer, inputShape: Shape | readonly Shape[], min: number, max = Infinity): readonly Shape[] {
  const owner = mergeOwner(layer);
  if (!isShapeList(inputShape)) {
    throw new LayerwiseError(`${owner}: a merge layer takes a list of inputs, received one of shape ${formatShape(inputShape as Shape)}`);
  }
  if (inputShape.length < min || inputShape.length > max) {
    const expected = min === max ? `exactly ${min}` : `at least ${min}`;
    throw new LayerwiseError(`${owner}: needs ${expected} inputs, received ${inputShape.length}: ${inputShape.map(formatShape).join(', ')}`);
  }
  const batches = new Set(inputShape.map((s) => s[0]).filter((d) => d !== null && d !== undefined));
  if (batches.size > 1) {
    throw new LayerwiseError(`${owner}: cannot merge tensors with different batch sizes; received shapes ${inputShape.map(formatShape).join(', ')}`);
  }
  return inputShape;
}

/**
 * The shape of an elementwise merge of `shapes` (batch first): the batch axis must agree, the
 * other axes broadcast as NumPy's, aligned from the last axis (each pair equal, or one of them 1).
 */
export function broadcastShapes(owner: string, shapes: readonly Shape[]): Shape {
  const batch = shapes.map((s) => s[0]).find((d) => d !== null && d !== undefined) ?? null;
  let out: (number | null)[] = [...shapes[0]!.slice(1)];
  for (const shape of shapes.slice(1)) {
    const other = shape.slice(1);
    const [long, short] = out.length >= other.length ? [out, other] : [other, out];
    const offset = long.length - short.length;
    out = long.map((d, i) => {
      if (i < offset) return d;
      const e = short[i - offset]!;
      if (d === null || e === null) return null;
      if (d === 1) return e;
      if (e === 1 || d === e) return d;
      throw new LayerwiseError(
        `${owner}: inputs have incompatible shapes ${shapes.map(formatShape).join(' and ')}; every axis after the batch must match or be 1 (aligned from the last axis)`,
      );
    });
  }
  return [batch, ...out];
}

/**
 * The base of the elementwise merge layers (Add, Subtract, Multiply, Average, Maximum, Minimum):
 * a list of inputs, broadcast against each other (inputs of lower rank gain axes of 1 after the
 * batch axis, as Keras does), combined by `merge`. No weights.
 */
export abstract class Merge extends Layer {
  /** The mask passes through (merge layers: the inputs' masks combined, true where all are). */
  override readonly supportsMasking = true;
  /** The fewest and most inputs the layer takes. */
  protected inputCount(): { min: number; max: number } {
    return { min: 1, max: Infinity };
  }

  /** Combines inputs of one rank (they broadcast). */
  protected abstract merge(inputs: Tensor[]): Tensor;

  override inputForm(): InputForm {
    return 'list';
  }

  override build(inputShape: Shape | readonly Shape[]): void {
    this.computeOutputShape(inputShape);
  }

  override computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    const { min, max } = this.inputCount();
    return broadcastShapes(mergeOwner(this), checkMergeInputs(this, inputShape, min, max));
  }

  call(inputs: Tensor[]): Tensor {
    return tf.tidy(() => {
      const rank = Math.max(...inputs.map((t) => t.rank));
      const aligned = inputs.map((t) => (t.rank === rank ? t : tf.reshape(t, [t.shape[0]!, ...new Array<number>(rank - t.rank).fill(1), ...t.shape.slice(1)])));
      const out = this.merge(aligned);
      return out === inputs[0] ? tf.clone(out) : out;
    });
  }
}
