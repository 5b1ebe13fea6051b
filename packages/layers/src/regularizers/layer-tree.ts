import { Layer, type AnyLayer } from '../engine/layer.js';

function children(layer: AnyLayer): AnyLayer[] {
  const out: AnyLayer[] = [];
  const holder = layer as unknown as { layers?: unknown; sublayers?: unknown };
  for (const list of [holder.layers, holder.sublayers]) {
    if (Array.isArray(list)) out.push(...list.filter((l): l is AnyLayer => l instanceof Layer));
  }
  return out;
}

/**
 * A layer and every layer inside it, each once, parents first: models contribute their `layers`,
 * wrappers (Bidirectional, TimeDistributed) their `sublayers`.
 */
export function walkLayers(root: AnyLayer): AnyLayer[] {
  const seen = new Set<AnyLayer>();
  const out: AnyLayer[] = [];
  const visit = (layer: AnyLayer) => {
    if (seen.has(layer)) return;
    seen.add(layer);
    out.push(layer);
    children(layer).forEach(visit);
  };
  visit(root);
  return out;
}
