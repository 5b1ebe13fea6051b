import { LayerwiseError } from '@layerwise/core';
import { InputLayer, type AnyLayer, type LayerNode, type LayerOutput, type Model, type SymbolicTensor } from '@layerwise/layers';

/** A model whose layers' outputs can be read: any model with a graph (functional, or a Sequential with a known input shape). */
export type GraphModel = Model<LayerOutput>;

/** A layer's output in a model's graph. */
export interface GraphTensor {
  /** The tensor's name: the layer's name (with the output index for layers with several outputs). */
  readonly name: string;
  readonly layer: AnyLayer;
  readonly tensor: SymbolicTensor;
  /** The node (layer application) that produces it. */
  readonly node: LayerNode;
}

/** The model's graph nodes, or an error saying how to give the model one. */
export function graphNodes(owner: string, model: GraphModel): readonly LayerNode[] {
  const nodes = model.nodes;
  if (nodes.length === 0) {
    throw new LayerwiseError(
      `${owner}: ${model.className} "${model.name}" has no graph of layers to read activations from; ` +
        'give a Sequential an inputShape (or run it on data once), or use a functional model',
    );
  }
  return nodes;
}

/**
 * The outputs of the layers of a model's graph (input layers left out), in the graph's order: by
 * default every layer's, or those of the layers named in `names` (an unknown name is an error
 * listing the model's layers). A layer applied several times is read at its first application.
 */
export function graphTensors(owner: string, model: GraphModel, names?: readonly string[]): GraphTensor[] {
  const all: GraphTensor[] = [];
  const seen = new Set<AnyLayer>();
  for (const node of graphNodes(owner, model)) {
    if (node.layer instanceof InputLayer || seen.has(node.layer)) continue;
    seen.add(node.layer);
    for (const tensor of node.outputs) all.push({ name: tensor.name, layer: node.layer, tensor, node });
  }
  if (names === undefined) return all;
  return names.map((name) => {
    const found = all.find((t) => t.layer.name === name || t.name === name);
    if (!found) {
      throw new LayerwiseError(`${owner}: model "${model.name}" has no layer named '${name}'. Its layers are: ${all.map((t) => t.name).join(', ')}`);
    }
    return found;
  });
}

/** The outputs of the layers that produce feature maps (rank 4: batch, height, width, channels): convolutions, pooling, their activations. */
export function featureMapTensors(owner: string, model: GraphModel, names?: readonly string[]): GraphTensor[] {
  const tensors = graphTensors(owner, model, names);
  if (names === undefined) return tensors.filter((t) => t.tensor.rank === 4);
  for (const t of tensors) {
    if (t.tensor.rank !== 4) {
      throw new LayerwiseError(`${owner}: layer "${t.name}" outputs shape ${JSON.stringify(t.tensor.shape)}, not a feature map (batch, height, width, channels)`);
    }
  }
  return tensors;
}
