import { formatShape, type Shape } from '@layerwise/core';
import { InputLayer } from '../engine/input-layer.js';
import type { AnyLayer } from '../engine/layer.js';
import type { LayerNode } from '../engine/symbolic.js';
import type { MacsReport } from './macs.js';

/** One row of the summary table, each cell a list of lines. */
export interface SummaryRow {
  readonly layer: string;
  readonly outputShape: string;
  readonly params: string;
  readonly connectedTo: string[];
  readonly trainable: string;
  readonly macs: string;
}


function shapeText(shapes: readonly Shape[], asList: boolean): string {
  return asList ? `[${shapes.map(formatShape).join(', ')}]` : formatShape(shapes[0]!);
}

/** The output shape of a layer in a model: from its nodes there ('multiple' when they differ), else from its built input shape. */
function outputShapeOf(layer: AnyLayer, nodes: readonly LayerNode[]): string {
  if (nodes.length > 0) {
    const texts = [...new Set(nodes.map((n) => shapeText(n.outputs.map((t) => t.shape), n.outputsAsList)))];
    return texts.length === 1 ? texts[0]! : 'multiple';
  }
  const input = layer.inputShape ?? layer.inputShapes;
  if (!input) return '?';
  try {
    const out = layer.computeOutputShape(input);
    return Array.isArray(out[0]) ? `[${(out as Shape[]).map(formatShape).join(', ')}]` : formatShape(out as Shape);
  } catch {
    return 'multiple';
  }
}

/**
 * The summary's rows: per layer its name and class, output shape, parameter count, the tensors its
 * applications in this model read (`dense[0][0]`: layer, node index within the model, output
 * index), whether it is trainable and its multiply-accumulates.
 */
export function summaryRows(layers: readonly AnyLayer[], modelNodes: readonly LayerNode[], macs: MacsReport): SummaryRow[] {
  const local = (node: LayerNode) => modelNodes.filter((n) => n.layer === node.layer).indexOf(node);
  return layers.map((layer) => {
    const nodes = modelNodes.filter((n) => n.layer === layer);
    const reads = nodes.flatMap((n) => n.inputs.map((t) => `${t.layer.name}[${local(t.node)}][${t.index}]`));
    const layerMacs = macs.perLayer.get(layer);
    return {
      layer: `${layer.name} (${layer.className})`,
      outputShape: outputShapeOf(layer, nodes),
      params: String(layer.countParams()),
      connectedTo: layer instanceof InputLayer || reads.length === 0 ? ['-'] : reads.map((r, i) => (i < reads.length - 1 ? `${r},` : r)),
      trainable: layer.trainable ? 'Y' : 'N',
      macs: layerMacs === undefined ? '-' : String(layerMacs),
    };
  });
}
