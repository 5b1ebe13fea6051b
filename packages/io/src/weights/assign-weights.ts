import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { formatShape, LayerwiseError } from '@layerwise/core';
import { modelWeightGroups, type AnyModel, type LayerWeightGroup } from './weight-groups.js';

interface Pair {
  readonly target: LayerWeightGroup;
  readonly values: readonly Tensor[];
}

/** Checks every pair (count, shape, dtype) before assigning any, so a bad file changes nothing. */
function assignChecked(pairs: readonly Pair[], source: string): void {
  for (const { target, values } of pairs) {
    if (values.length !== target.weights.length) {
      throw new LayerwiseError(`${source}: layer "${target.layer}" has ${target.weights.length} weights, the file holds ${values.length} for it`);
    }
    target.weights.forEach((w, i) => {
      const value = values[i]!;
      if (!tf.util.arraysEqual(value.shape, w.tensor.shape)) {
        throw new LayerwiseError(`${source}: weight '${w.name}' of layer "${target.layer}" has shape ${formatShape(value.shape)} in the file, the layer needs ${formatShape(w.tensor.shape)}`);
      }
      if (value.dtype !== w.tensor.dtype) {
        throw new LayerwiseError(`${source}: weight '${w.name}' of layer "${target.layer}" is ${value.dtype} in the file, the layer needs ${w.tensor.dtype}`);
      }
    });
  }
  for (const { target, values } of pairs) target.weights.forEach((w, i) => (w.tensor as tf.Variable).assign(values[i]!));
}

/**
 * Loads weights grouped by layer (Keras' HDF5 layout) into a model: by layer name when the file
 * has a group for every layer with weights, else by position among the layers with weights (as
 * Keras' `load_weights` does). Counts, shapes and dtypes are checked first; the tensors are not
 * kept.
 */
export function assignWeightGroups(model: AnyModel, groups: readonly LayerWeightGroup[], source: string): void {
  const targets = modelWeightGroups(model).filter((g) => g.weights.length > 0);
  const stored = groups.filter((g) => g.weights.length > 0);
  const byName = new Map(stored.map((g) => [g.layer, g]));
  const named = targets.every((t) => byName.has(t.layer));
  if (!named && targets.length !== stored.length) {
    const missing = targets.find((t) => !byName.has(t.layer))!;
    throw new LayerwiseError(
      `${source}: the model's layer "${missing.layer}" has weights, the file has none under its name, and it holds weights for ${stored.length} layers ` +
        `where the model has ${targets.length} (file layers: ${stored.map((g) => g.layer).join(', ') || 'none'})`,
    );
  }
  const pairs = targets.map((target, i) => ({ target, values: (named ? byName.get(target.layer)! : stored[i]!).weights.map((w) => w.tensor) }));
  if (named && stored.length > targets.length) {
    const extra = stored.filter((g) => !targets.some((t) => t.layer === g.layer)).map((g) => g.layer);
    throw new LayerwiseError(`${source}: the file holds weights for layers the model does not have: ${extra.join(', ')}`);
  }
  assignChecked(pairs, source);
}

/**
 * Loads weights keyed by name (the TensorFlow.js layout: `'dense/kernel'`, also found with Keras'
 * `:0` suffix or prefixed by the enclosing layer's name) into a model. Every model weight must be
 * found and every stored weight used.
 */
export function assignNamedWeights(model: AnyModel, weights: ReadonlyMap<string, Tensor>, source: string): void {
  const unused = new Set(weights.keys());
  const pairs = modelWeightGroups(model)
    .filter((g) => g.weights.length > 0)
    .map((target) => ({
      target,
      values: target.weights.map((w) => {
        const key = [w.name, `${w.name}:0`, `${target.layer}/${w.name}`].find((k) => weights.has(k));
        if (key === undefined) {
          const names = [...weights.keys()];
          throw new LayerwiseError(`${source}: no weight '${w.name}' for layer "${target.layer}" in the file (it has ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', ...' : ''})`);
        }
        unused.delete(key);
        return weights.get(key)!;
      }),
    }));
  if (unused.size > 0) throw new LayerwiseError(`${source}: weights ${[...unused].join(', ')} belong to no layer of the model`);
  assignChecked(pairs, source);
}
