import type { DataType } from '@tensorflow/tfjs-core';
import { formatShape, type Shape } from '@layerwise/core';
import type { AnyLayer } from './layer.js';

let nextTensorId = 0;
let nextNodeId = 0;

/**
 * A placeholder for a tensor in a model being defined (Keras' `KerasTensor`): it has a shape (batch
 * first, `null` where unknown), a dtype and the node that produced it, but no values. `input()`
 * makes the first ones, `layer.apply(symbolic)` the next, and `model({ inputs, outputs })` turns the
 * graph between them into a model.
 */
export class SymbolicTensor {
  /** Unique per process; orders tensors by creation. */
  readonly id = nextTensorId++;

  constructor(
    readonly shape: Shape,
    readonly dtype: DataType,
    /** The layer application that produced this tensor. */
    readonly node: LayerNode,
    /** Its position among that node's outputs. */
    readonly index: number,
    /** Whether a mask comes with it when the model runs (after Masking, Embedding with maskZero, ...). */
    readonly masked = false,
  ) {}

  /** The layer that produced this tensor. */
  get layer(): AnyLayer {
    return this.node.layer;
  }

  get rank(): number {
    return this.shape.length;
  }

  /** A name in Keras' style: the producing layer's name (with the output index when there are several). */
  get name(): string {
    return this.node.outputs.length > 1 ? `${this.layer.name}_${this.index}` : this.layer.name;
  }

  toString(): string {
    return `SymbolicTensor(shape=${formatShape(this.shape)}, dtype=${this.dtype}, name=${this.name})`;
  }
}

/**
 * One application of a layer to symbolic inputs (Keras' `Node`): the inputs it read, the outputs it
 * produced, and whether the layer was given a list or a single tensor. A layer applied several times
 * (a shared layer) has several nodes, all using the same weights.
 */
export class LayerNode {
  /** Unique per process; orders nodes by creation. */
  readonly id = nextNodeId++;
  readonly outputs: readonly SymbolicTensor[];

  constructor(
    readonly layer: AnyLayer,
    readonly inputs: readonly SymbolicTensor[],
    /** True when the layer was applied to a list (`add().apply([a, b])`), false for one tensor. */
    readonly inputsAsList: boolean,
    outputShapes: readonly Shape[],
    /** True when the layer returned a list of outputs. */
    readonly outputsAsList: boolean,
    dtype: DataType,
    /** Whether each output carries a mask. Default: none does. */
    outputMasked: readonly boolean[] = [],
  ) {
    this.outputs = outputShapes.map((shape, i) => new SymbolicTensor(shape, dtype, this, i, outputMasked[i] ?? false));
  }

  /** The inputs in the form the layer received them. */
  get inputStructure(): SymbolicTensor | SymbolicTensor[] {
    return this.inputsAsList ? [...this.inputs] : this.inputs[0]!;
  }

  /** The outputs in the form the layer returned them. */
  get outputStructure(): SymbolicTensor | SymbolicTensor[] {
    return this.outputsAsList ? [...this.outputs] : this.outputs[0]!;
  }
}

const inbound = new WeakMap<AnyLayer, LayerNode[]>();

/** Records a node on its layer (the layer's `input`/`output` read the first one). */
export function recordNode(node: LayerNode): LayerNode {
  const nodes = inbound.get(node.layer);
  if (nodes) nodes.push(node);
  else inbound.set(node.layer, [node]);
  return node;
}

/** The nodes of a layer, in creation order. */
export function nodesOf(layer: AnyLayer): readonly LayerNode[] {
  return inbound.get(layer) ?? [];
}

/** Removes a node from its layer's record (a Sequential rebuilding its graph drops the old nodes). */
export function forgetNode(node: LayerNode): void {
  const nodes = inbound.get(node.layer);
  const i = nodes?.indexOf(node) ?? -1;
  if (i >= 0) nodes!.splice(i, 1);
}

/** Whether `value` is a symbolic tensor or a non-empty list of them. */
export function isSymbolic(value: unknown): value is SymbolicTensor | readonly SymbolicTensor[] {
  if (value instanceof SymbolicTensor) return true;
  return Array.isArray(value) && value.length > 0 && value.every((v) => v instanceof SymbolicTensor);
}
