import * as tf from '@tensorflow/tfjs-core';
import type { Variable } from '@tensorflow/tfjs-core';
import type { AnyLayer } from '../engine/layer.js';
import { walkLayers } from '../regularizers/layer-tree.js';
import type { Constraint } from './constraints.js';

/** A layer with weight constraints to enforce after each optimizer update. */
export interface ConstraintHolder {
  /** Projects each constrained weight in place (while the layer is trainable). */
  applyConstraints(): void;
}

/** Whether a layer implements {@link ConstraintHolder}. */
export function isConstraintHolder(layer: unknown): layer is ConstraintHolder {
  return typeof (layer as Partial<ConstraintHolder>).applyConstraints === 'function';
}

/** The bookkeeping behind {@link ConstraintHolder}, held by a layer: its weights with a constraint. */
export class LayerConstraints {
  private readonly terms: { variable: Variable; constraint: Constraint }[] = [];

  /** `isTrainable` tells whether the constraints currently apply (the layer's `trainable`). */
  constructor(private readonly isTrainable: () => boolean) {}

  /** Registers a weight's constraint (none: nothing to do). */
  addWeight(variable: Variable, constraint: Constraint | undefined): void {
    if (constraint) this.terms.push({ variable, constraint });
  }

  /** Assigns each constrained weight its projection. */
  apply(): void {
    if (!this.isTrainable()) return;
    for (const { variable, constraint } of this.terms) tf.tidy(() => variable.assign(constraint.apply(variable)));
  }

  /** Forgets the weights (on the layer's `dispose`). */
  dispose(): void {
    this.terms.length = 0;
  }
}

/**
 * The hook the training step calls after each optimizer update (Keras applies constraints inside
 * `optimizer.apply`): projects every constrained weight of `root` and the layers inside it.
 */
export function applyConstraints(root: AnyLayer): void {
  for (const layer of walkLayers(root)) if (isConstraintHolder(layer)) layer.applyConstraints();
}
