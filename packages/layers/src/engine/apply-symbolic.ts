import type { AnyLayer } from './layer.js';
import { anyMasked, maskNotSupported } from './mask.js';
import { isShapeList } from './shape.js';
import { LayerNode, recordNode, type SymbolicTensor } from './symbolic.js';

/**
 * Whether each output of `layer` carries a mask when its inputs carry the masks `inputMasked` says
 * (one flag, or one per input of a list), as a list of `outputs` flags. Throws, as Keras does when
 * a model is defined, when a masked input reaches a layer that does not support masking;
 * `describeInputs` names the masked inputs in that error.
 */
export function outputMaskFlags(layer: AnyLayer, inputMasked: boolean | readonly boolean[], outputs: number, describeInputs: () => string): boolean[] {
  if (!layer.supportsMasking && anyMasked(inputMasked)) {
    throw maskNotSupported(`${layer.className} "${layer.name}"`, `masked input ${describeInputs()}`);
  }
  const flags = layer.outputMasked(inputMasked);
  return typeof flags === 'boolean' ? Array.from({ length: outputs }, () => flags) : flags;
}

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
  const outputShapes = outputsAsList ? out : [out];
  const masked = outputMaskFlags(layer, asList ? tensors.map((t) => t.masked) : tensors[0]!.masked, outputShapes.length, () =>
    tensors.filter((t) => t.masked).map((t) => `"${t.name}"`).join(', '),
  );
  const node = new LayerNode(layer, tensors, asList, outputShapes, outputsAsList, 'float32', masked);
  return recordNode(node).outputStructure;
}
