import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { LayerwiseError } from '@layerwise/core';
import { InputLayer } from '../engine/input-layer.js';
import { outputMaskFlags } from '../engine/apply-symbolic.js';
import type { AnyLayer, CallContext } from '../engine/layer.js';
import { maskList, type Mask } from '../engine/mask.js';
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

/** What {@link runGraph} returns: one tensor and one mask per model output. */
export interface GraphResult {
  readonly outputs: Tensor[];
  readonly masks: Mask[];
}

/**
 * Runs a graph on concrete inputs (one per model input, in order, with their masks when given) and
 * returns the outputs and their masks (one per model output). Each layer receives the masks of its
 * inputs in its context and gives the mask of its outputs (`applyWithMask`), as Keras propagates
 * them. Intermediate tensors are freed; an output (or mask) that is also an input, or that appears
 * twice, is cloned so that every returned tensor is the caller's to dispose.
 */
export function runGraph(
  graph: Graph,
  inputs: readonly SymbolicTensor[],
  outputs: readonly SymbolicTensor[],
  values: readonly Tensor[],
  context: CallContext,
  inputMasks: readonly Mask[] = [],
): GraphResult {
  return tf.tidy(() => {
    const computed = new Map<SymbolicTensor, Tensor>();
    const masks = new Map<SymbolicTensor, Mask>();
    inputs.forEach((t, i) => {
      computed.set(t, values[i]!);
      masks.set(t, inputMasks[i]);
    });
    for (const node of graph.nodes) {
      if (node.inputs.length === 0) continue;
      const args = node.inputs.map((t) => computed.get(t)!);
      const argMasks = node.inputs.map((t) => masks.get(t));
      const mask = node.inputsAsList ? argMasks : argMasks[0];
      const result = node.layer.applyWithMask(node.inputsAsList ? args : args[0]!, { ...context, mask });
      const list = Array.isArray(result.output) ? result.output : [result.output];
      const outMasks = maskList(result.mask);
      node.outputs.forEach((t, i) => {
        computed.set(t, list[i]!);
        masks.set(t, outMasks[i]);
      });
    }
    const seen = new Set<Tensor>(values);
    const owned = (value: Tensor) => {
      if (seen.has(value)) return tf.clone(value);
      seen.add(value);
      return value;
    };
    const result = outputs.map((t) => owned(computed.get(t)!));
    for (const m of inputMasks) if (m) seen.add(m);
    return { outputs: result, masks: outputs.map((t) => masks.get(t)).map((m) => (m ? owned(m) : m)) };
  }) as unknown as GraphResult;
}

/**
 * Whether each output of a graph carries a mask when its inputs carry the masks `inputMasked` says;
 * throws as a model definition would when a masked input reaches a layer that cannot take it.
 */
export function graphMaskFlags(graph: Graph, inputs: readonly SymbolicTensor[], outputs: readonly SymbolicTensor[], inputMasked: readonly boolean[]): boolean[] {
  const flags = new Map<SymbolicTensor, boolean>();
  inputs.forEach((t, i) => flags.set(t, inputMasked[i] ?? false));
  for (const node of graph.nodes) {
    if (node.inputs.length === 0) continue;
    const given = node.inputs.map((t) => flags.get(t) ?? false);
    const out = outputMaskFlags(node.layer, node.inputsAsList ? given : given[0]!, node.outputs.length, () =>
      node.inputs.filter((t) => flags.get(t)).map((t) => `"${t.name}"`).join(', '),
    );
    node.outputs.forEach((t, i) => flags.set(t, out[i]!));
  }
  return outputs.map((t) => flags.get(t) ?? false);
}
