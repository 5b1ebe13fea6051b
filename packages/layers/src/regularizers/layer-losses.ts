import * as tf from '@tensorflow/tfjs-core';
import type { Scalar, Tensor, Variable } from '@tensorflow/tfjs-core';
import type { AnyLayer } from '../engine/layer.js';
import { walkLayers } from './layer-tree.js';
import type { Regularizer } from './regularizers.js';

/**
 * A layer that adds terms to the training loss: weight penalties (kernel, bias, ... regularisers)
 * and activity penalties on its outputs.
 */
export interface LossContributor {
  /**
   * The layer's penalty for the forward pass just run: its weight penalties, computed now from the
   * current weights (only while the layer is trainable, as Keras counts trainable weights only), plus
   * the activity penalty its last call recorded (handed over: a second read without a new call no
   * longer includes it). A new scalar the caller disposes, or `undefined` when the layer has none.
   * Call it inside the gradient tape, after the forward pass.
   */
  regularizationLoss(): Scalar | undefined;
}

/** Whether a layer implements {@link LossContributor}. */
export function isLossContributor(layer: unknown): layer is LossContributor {
  return typeof (layer as Partial<LossContributor>).regularizationLoss === 'function';
}

/**
 * The bookkeeping behind {@link LossContributor}, held by a layer: the weights with a regulariser,
 * and the activity penalty of the last call. Each call replaces the previous activity penalty (a
 * layer called twice in one pass counts its last call only); reading it with `total` frees it, and
 * so does `dispose`: an unread penalty (after `predict`) holds one scalar per layer until then.
 */
export class LayerLosses {
  private readonly weightTerms: { variable: Variable; regularizer: Regularizer }[] = [];
  private activity: Scalar | undefined;

  /** `isTrainable` tells whether the weight penalties currently count (the layer's `trainable`). */
  constructor(private readonly isTrainable: () => boolean) {}

  /** Registers a weight's regulariser (none: nothing to do). */
  addWeight(variable: Variable, regularizer: Regularizer | undefined): void {
    if (regularizer) this.weightTerms.push({ variable, regularizer });
  }

  /** Records the activity penalty of `output` (none: nothing to do); it stays alive across `tf.tidy` until replaced or disposed. */
  recordActivity(regularizer: Regularizer | undefined, output: Tensor): void {
    if (!regularizer) return;
    const loss = tf.keep(tf.tidy(() => regularizer.apply(output)));
    this.activity?.dispose();
    this.activity = loss;
  }

  /**
   * The sum of the penalties (a new scalar), or `undefined` when there are none. The recorded activity
   * penalty is handed over: counted once, then freed, so a training step leaves no tensor behind.
   */
  total(): Scalar | undefined {
    const weights = this.isTrainable() ? this.weightTerms : [];
    const activity = this.activity;
    this.activity = undefined;
    if (weights.length === 0 && !activity) return undefined;
    const sum = tf.tidy(() => {
      const terms: Tensor[] = weights.map((w) => w.regularizer.apply(w.variable));
      if (activity) terms.push(activity);
      return (terms.length === 1 ? tf.clone(terms[0]!) : tf.addN(terms)) as Scalar;
    });
    activity?.dispose();
    return sum;
  }

  /** Forgets the weights and frees the recorded activity penalty. */
  dispose(): void {
    this.activity?.dispose();
    this.activity = undefined;
    this.weightTerms.length = 0;
  }
}

/**
 * The hook the training step adds to the loss (Keras' `sum(model.losses)`): the sum of
 * `regularizationLoss()` over `root` and every layer inside it, or `undefined` when no layer adds
 * one. Call it inside the gradient tape after the forward pass; the caller disposes the result.
 *
 * @example
 * ```ts
 * const { value, grads } = tf.variableGrads(() => {
 *   const loss = batchLoss(model, y, model.call(x, { training: true }), sampleWeight);
 *   const penalty = totalRegularizationLoss(model);
 *   return penalty ? tf.add(loss, penalty) : loss;
 * }, variables);
 * ```
 */
export function totalRegularizationLoss(root: AnyLayer): Scalar | undefined {
  const losses = walkLayers(root)
    .filter((layer): layer is AnyLayer & LossContributor => isLossContributor(layer))
    .map((layer) => layer.regularizationLoss())
    .filter((loss): loss is Scalar => loss !== undefined);
  if (losses.length === 0) return undefined;
  if (losses.length === 1) return losses[0];
  const sum = tf.addN(losses) as Scalar;
  tf.dispose(losses);
  return sum;
}
