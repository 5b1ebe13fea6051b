import type { Scalar, Tensor, Variable } from '@tensorflow/tfjs-core';
import { LayerConstraints, type ConstraintHolder } from '../constraints/layer-constraints.js';
import type { Constraint } from '../constraints/constraints.js';
import { Layer, type AddWeightOptions, type LayerOutput } from '../engine/layer.js';
import { LayerLosses, type LossContributor } from './layer-losses.js';
import type { Regularizer } from './regularizers.js';

/** Options of {@link RegularizedLayer.addRegularizedWeight}: `addWeight`'s, plus a regulariser and a constraint. */
export interface RegularizedWeightOptions extends AddWeightOptions {
  /** Penalty on the weight added to the training loss. */
  regularizer?: Regularizer | undefined;
  /** Projection applied to the weight after each optimizer update. */
  constraint?: Constraint | undefined;
}

/**
 * A layer whose weights may carry regularisers and constraints, and whose outputs may carry an
 * activity regulariser (Keras' `kernel_regularizer`, `kernel_constraint`, `activity_regularizer`).
 * It implements the two training hooks: `regularizationLoss()` (summed over a model by
 * `totalRegularizationLoss`) and `applyConstraints()` (run over a model by `applyConstraints`).
 * `O` is the output type, as for {@link Layer}.
 */
export abstract class RegularizedLayer<O extends LayerOutput = Tensor> extends Layer<O> implements LossContributor, ConstraintHolder {
  private readonly penalties = new LayerLosses(() => this.trainable);
  private readonly projections = new LayerConstraints(() => this.trainable);

  /** `addWeight`, registering the weight's regulariser and constraint. Call it from `build`. */
  protected addRegularizedWeight(options: RegularizedWeightOptions): Variable {
    const { regularizer, constraint, ...weight } = options;
    const variable = this.addWeight(weight);
    this.penalties.addWeight(variable, regularizer);
    this.projections.addWeight(variable, constraint);
    return variable;
  }

  /** Records the activity penalty of an output (replacing the previous call's); a no-op without a regulariser. */
  protected recordActivity(regularizer: Regularizer | undefined, output: Tensor): void {
    this.penalties.recordActivity(regularizer, output);
  }

  /** The layer's weight penalties and the activity penalty of its last call, handed over (a new scalar), or `undefined` when there are none. */
  regularizationLoss(): Scalar | undefined {
    return this.penalties.total();
  }

  /** Projects each constrained weight (a no-op while the layer is frozen). */
  applyConstraints(): void {
    this.projections.apply();
  }

  override dispose(): void {
    this.penalties.dispose();
    this.projections.dispose();
    super.dispose();
  }
}
