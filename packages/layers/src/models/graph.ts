import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { LayerwiseError } from '@layerwise/core';
import { InputLayer } from '../engine/input-layer.js';
import type { AnyLayer, CallContext } from '../engine/layer.js';
import type { LayerNode, SymbolicTensor } from '../engine/symbolic.js';

/** The part of a graph of layer applications that leads from a model's inputs to its outputs. */
export interface Graph {
  /** The nodes, in an order where every node comes after the nodes it reads (input nodes first). */
  readonly nodes: readonly LayerNode[];
  /** Every layer once, in the order of its first node: the input layers first. */
  readonly layers: readonly AnyLayer[];
}

const describe = (t: SymbolicTensor) => `"${t.name}" (from layer "${t.layer.name}")`;

/**
 * Walks back from `outputs` to `inputs` and orders the nodes met topologically. Throws, naming the
 * tensors, when an input does not come from `input()`, or when an output depends on an input that
 * is not among `inputs` (a disconnected graph).
 */
export function traceGraph(owner: string, inputs: readonly SymbolicTensor[], outputs: readonly SymbolicTensor[]): Graph {
  inputs.forEach((t, i) => {
    if (!(t.layer instanceof InputLayer)) {
      throw new LayerwiseError(`${owner}: inputs must be symbolic tensors made by input(); input ${i} is ${describe(t)}`);
    }
    if (inputs.indexOf(t) !== i) throw new LayerwiseError(`${owner}: input ${describe(t)} is given twice`);
  });
  const nodes: LayerNode[] = inputs.map((t) => t.node);
  const done = new Set<LayerNode>(nodes);
  const visit = (tensor: SymbolicTensor, output: number): void => {
    const node = tensor.node;
    if (done.has(node)) return;
    if (node.layer instanceof InputLayer) {
      const names = inputs.map((t) => t.layer.name).join(', ');
      throw new LayerwiseError(
        `${owner}: graph disconnected: output ${output} cannot be computed from the inputs (${names}); ` +
          `it depends on input layer "${node.layer.name}", which is not one of them`,
      );
    }
    for (const t of node.inputs) visit(t, output);
    done.add(node);
    nodes.push(node);
  };
  outputs.forEach((t, i) => visit(t, i));
  const layers: AnyLayer[] = [];
  for (const node of nodes) if (!layers.includes(node.layer)) layers.push(node.layer);
  return { nodes, layers };
}

/**
 * Runs a graph on concrete inputs (one per model input, in order) and returns the outputs (one per
 * model output). Intermediate tensors are freed; an output that is also an input, or that appears
 * twice, is cloned so that every returned tensor is the caller's to dispose.
 */
export function runGraph(
  graph: Graph,
  inputs: readonly SymbolicTensor[],
  outputs: readonly SymbolicTensor[],
  values: readonly Tensor[],
  context: CallContext,
): Tensor[] {
  return tf.tidy(() => {
    const computed = new Map<SymbolicTensor, Tensor>();
    inputs.forEach((t, i) => computed.set(t, values[i]!));
    for (const node of graph.nodes) {
      if (node.inputs.length === 0) continue;
      const args = node.inputs.map((t) => computed.get(t)!);
      const result = node.layer.apply(node.inputsAsList ? args : args[0]!, context);
      const list = Array.isArray(result) ? result : [result];
      node.outputs.forEach((t, i) => computed.set(t, list[i]!));
    }
    const seen = new Set<Tensor>(values);
    return outputs.map((t) => {
      const value = computed.get(t)!;
      if (seen.has(value)) return tf.clone(value);
      seen.add(value);
      return value;
    });
  });
}
