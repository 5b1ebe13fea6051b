import { LayerwiseError } from '@layerwise/core';
import type { AnyLayer, LayerWeight } from '../engine/layer.js';
import type { SymbolicTensor } from '../engine/symbolic.js';

/** A layer of a model, by name, by index in `model.layers`, or itself. */
export type LayerRef = string | number | AnyLayer;

/**
 * The index in `layers` of the layer `ref` names, with errors naming the model and listing the
 * layer names (for a name), or the valid range (for an index).
 */
export function layerIndex(owner: string, layers: readonly AnyLayer[], ref: LayerRef, argument = 'layer'): number {
  if (typeof ref === 'number') {
    if (!Number.isInteger(ref) || ref < 0 || ref >= layers.length) {
      throw new LayerwiseError(
        `${owner}: received an invalid value for \`${argument}\`, expected a layer index in [0, ${layers.length - 1}]. Received: ${argument}=${ref}`,
      );
    }
    return ref;
  }
  const index = typeof ref === 'string' ? layers.findIndex((l) => l.name === ref) : layers.indexOf(ref);
  if (index < 0) {
    const what = typeof ref === 'string' ? `no layer named '${ref}'` : `layer "${ref.name}" is not one of its layers`;
    throw new LayerwiseError(`${owner}: ${what}. Its layers are: ${layers.map((l) => l.name).join(', ')}`);
  }
  return index;
}

/** The names of a model's outputs: the names of the layers producing them, made unique (`dense`, `dense_1`). */
export function outputNamesOf(outputs: readonly SymbolicTensor[]): string[] {
  const names: string[] = [];
  for (const t of outputs) {
    let name = t.layer.name;
    for (let i = 1; names.includes(name); i++) name = `${t.layer.name}_${i}`;
    names.push(name);
  }
  return names;
}

/** Each weight once (a layer reached twice, through a shared or nested model, counts once). */
export function uniqueWeights(weights: readonly LayerWeight[]): LayerWeight[] {
  return weights.filter((w, i) => weights.findIndex((o) => o.variable === w.variable) === i);
}
