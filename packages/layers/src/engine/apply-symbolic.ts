import type { AnyLayer } from './layer.js';
import { isShapeList } from './shape.js';
import { LayerNode, recordNode, type SymbolicTensor } from './symbolic.js';

/**
 * `layer.apply` on symbolic tensors: builds the layer for their shapes (creating its weights, once),
 * computes the output shapes and records the application as a new node of the layer. Returns the
 * node's outputs, as one tensor or a list as the layer returns them.
 */
export function applySymbolic(layer: AnyLayer, inputs: SymbolicTensor | readonly SymbolicTensor[]): SymbolicTensor | SymbolicTensor[] {
  const asList = Array.isArray(inputs);
  const tensors: readonly SymbolicTensor[] = asList ? inputs : [inputs as SymbolicTensor];
  const shapes = tensors.map((t) => t.shape);
  const inputShape = asList ? shapes : shapes[0]!;
  layer.ensureBuilt(inputShape);
  const out = layer.computeOutputShape(inputShape);
  const outputsAsList = isShapeList(out);
  const node = new LayerNode(layer, tensors, asList, outputsAsList ? out : [out], outputsAsList, 'float32');
  return recordNode(node).outputStructure;
}
