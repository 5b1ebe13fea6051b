import { Layer } from '../engine/layer.js';

function children(layer: Layer): Layer[] {
  const out: Layer[] = [];
  const holder = layer as unknown as { layers?: unknown; sublayers?: unknown };
  for (const list of [holder.layers, holder.sublayers]) {
    if (Array.isArray(list)) out.push(...list.filter((l): l is Layer => l instanceof Layer));
  }
  return out;
}

/**
 * A layer and every layer inside it, each once, parents first: models contribute their `layers`,
 * wrappers (Bidirectional, TimeDistributed) their `sublayers`.
 */
export function walkLayers(root: Layer): Layer[] {
  const seen = new Set<Layer>();
  const out: Layer[] = [];
  const visit = (layer: Layer) => {
    if (seen.has(layer)) return;
    seen.add(layer);
    out.push(layer);
    children(layer).forEach(visit);
  };
  visit(root);
  return out;
}
