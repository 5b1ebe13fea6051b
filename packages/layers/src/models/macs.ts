import type { Shape } from '@layerwise/core';
import type { AnyLayer } from '../engine/layer.js';
import type { LayerNode } from '../engine/symbolic.js';

/** What MAC counting needs of a model. */
export interface MacsModel {
  readonly layers: readonly AnyLayer[];
  readonly nodes: readonly LayerNode[];
}

/** Multiply-accumulates per layer (undefined: the layer does not report them) and their total. */
export interface MacsReport {
  readonly perLayer: ReadonlyMap<AnyLayer, number | undefined>;
  readonly total: number;
  /** Layers with weights that do not report their MACs (their share is missing from the total). */
  readonly unreported: readonly AnyLayer[];
}

const isMacsModel = (layer: AnyLayer): layer is AnyLayer & MacsModel => Array.isArray((layer as Partial<MacsModel>).nodes) && 'layers' in layer;

function layerMacs(layer: AnyLayer, inputShape: Shape | readonly Shape[] | undefined): number | undefined {
  if (!layer.computeMacs || inputShape === undefined) return undefined;
  const macs = layer.computeMacs(inputShape);
  return Number.isFinite(macs) ? macs : undefined;
}

/**
 * Counts the multiply-accumulates of one sample through a model: over its graph's nodes (a layer
 * applied twice counts twice), or, for a model without a graph, over its layers at the input shape
 * they were built for.
 */
export function modelMacs(model: MacsModel): MacsReport {
  const perLayer = new Map<AnyLayer, number | undefined>();
  const unreported: AnyLayer[] = [];
  const add = (layer: AnyLayer, inputShape: Shape | readonly Shape[] | undefined) => {
    let macs: number | undefined;
    if (isMacsModel(layer)) {
      // A nested model: its own total, and its layers that do not report theirs.
      const nested = modelMacs(layer);
      macs = nested.total;
      unreported.push(...nested.unreported.filter((l) => !unreported.includes(l)));
    } else {
      macs = layerMacs(layer, inputShape);
    }
    if (!perLayer.has(layer)) return void perLayer.set(layer, macs);
    const before = perLayer.get(layer);
    perLayer.set(layer, before === undefined || macs === undefined ? undefined : before + macs);
  };
  if (model.nodes.length > 0) {
    for (const node of model.nodes) {
      if (node.inputs.length === 0) perLayer.set(node.layer, 0);
      else add(node.layer, node.inputsAsList ? node.inputs.map((t) => t.shape) : node.inputs[0]!.shape);
    }
  } else {
    for (const layer of model.layers) add(layer, layer.inputShape ?? layer.inputShapes);
  }
  let total = 0;
  for (const [layer, macs] of perLayer) {
    if (macs !== undefined) total += macs;
    else if (layer.countParams() > 0) unreported.push(layer);
  }
  return { perLayer, total, unreported };
}
