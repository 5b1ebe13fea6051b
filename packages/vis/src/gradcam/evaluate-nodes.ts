import type { Tensor } from '@tensorflow/tfjs-core';
import { LayerwiseError } from '@layerwise/core';
import type { LayerNode, SymbolicTensor } from '@layerwise/layers';

/** Concrete values of a graph's symbolic tensors. */
export type TensorValues = Map<SymbolicTensor, Tensor>;

/**
 * Computes the outputs of `nodes` (in topological order) in inference mode from the values known
 * so far, adding them to `values`; a node whose input has no value is an error naming the tensor.
 * Call it inside `tf.tidy` or a gradient function: the intermediate tensors are not freed here.
 */
export function evaluateNodes(owner: string, nodes: readonly LayerNode[], values: TensorValues): TensorValues {
  for (const node of nodes) {
    if (node.inputs.length === 0) continue;
    const args = node.inputs.map((t) => {
      const value = values.get(t);
      if (!value) throw new LayerwiseError(`${owner}: no value for tensor "${t.name}", read by layer "${node.layer.name}"`);
      return value;
    });
    const result = node.layer.apply(node.inputsAsList ? args : args[0]!, { training: false });
    const list = Array.isArray(result) ? result : [result];
    node.outputs.forEach((t, i) => values.set(t, list[i]!));
  }
  return values;
}

/** The nodes that read `tensor`, directly or through other nodes, in graph order. */
export function nodesDependingOn(nodes: readonly LayerNode[], tensor: SymbolicTensor): LayerNode[] {
  const reached = new Set<SymbolicTensor>([tensor]);
  const dependent: LayerNode[] = [];
  for (const node of nodes) {
    if (node.inputs.some((t) => reached.has(t))) {
      dependent.push(node);
      node.outputs.forEach((t) => reached.add(t));
    }
  }
  return dependent;
}
