import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { LayerwiseError, type Shape } from '@layerwise/core';
import type { InputForm } from './layer-types.js';
import { assertShapeCompatible, isShapeList } from './shape.js';
import { isSymbolic, type SymbolicTensor } from './symbolic.js';

function describeInputs(items: readonly unknown[]): string {
  return items.map((v) => (v instanceof tf.Tensor ? 'Tensor' : v === null ? 'null' : typeof v === 'object' ? (v.constructor?.name ?? 'object') : typeof v)).join(', ');
}

/** What `apply` received: symbolic tensors, or concrete ones (one, or a list). */
export type AppliedInputs =
  | { readonly symbolic: true; readonly inputs: SymbolicTensor | readonly SymbolicTensor[] }
  | { readonly symbolic: false; readonly inputs: Tensor | Tensor[] };

/**
 * Checks what `layer.apply` received against the layer's input form (one tensor, a list, either)
 * and tells symbolic inputs from concrete ones; `owner` names the layer in errors.
 */
export function checkApplyInputs(owner: string, form: InputForm, inputs: unknown): AppliedInputs {
  const list = Array.isArray(inputs);
  const items: readonly unknown[] = list ? inputs : [inputs];
  if (form === 'tensor' && list) throw new LayerwiseError(`${owner}: takes one tensor, received a list of ${items.length}`);
  if (form === 'list' && !list) throw new LayerwiseError(`${owner}: takes a list of tensors, received one`);
  if (isSymbolic(inputs)) return { symbolic: true, inputs };
  if (items.length === 0 || !items.every((t) => t instanceof tf.Tensor)) {
    throw new LayerwiseError(
      `${owner}: expected ${list ? 'a list of tensors' : 'a tensor'}, or symbolic tensors from input() (not a mix); ` +
        `received ${list ? `[${describeInputs(items)}]` : describeInputs(items)}`,
    );
  }
  return { symbolic: false, inputs: list ? [...(items as Tensor[])] : (items[0] as Tensor) };
}

/**
 * Checks an input shape (or list of them) against the one a layer was built for: the same form,
 * and each shape compatible (Keras' error naming the layer, the input index and both shapes).
 */
export function assertBuiltShape(owner: string, layerName: string, built: Shape | readonly Shape[], received: Shape | readonly Shape[]): void {
  const list = isShapeList(received);
  if (isShapeList(built) !== list || (list && built.length !== received.length)) {
    const count = (s: Shape | readonly Shape[]) => (isShapeList(s) ? `a list of ${s.length} inputs` : 'one input');
    throw new LayerwiseError(`${owner}: was built for ${count(built)}, received ${count(received)}`);
  }
  if (list) (built as readonly Shape[]).forEach((s, i) => assertShapeCompatible(layerName, s, received[i] as Shape, i));
  else assertShapeCompatible(layerName, built as Shape, received as Shape);
}
