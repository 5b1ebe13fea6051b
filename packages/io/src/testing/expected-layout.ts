import type { AnyModel } from '../weights/weight-groups.js';

/** What `scripts/check_keras_h5.py` expects of a legacy (`full`, `weights`) file: every layer's weight names and shapes. */
export function legacyLayout(model: AnyModel, kind: 'full' | 'weights', optimizer?: number): string {
  const layers = model.layers.map((l) => ({ name: l.name, weights: l.weights.map((w) => [w.name, w.variable.shape]) }));
  return JSON.stringify({ kind, layers, ...(optimizer === undefined ? {} : { optimizer }) });
}
