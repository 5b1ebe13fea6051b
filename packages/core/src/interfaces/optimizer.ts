import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import type { Serializable } from './serializable.js';

/** A gradient paired with the variable it updates. */
export interface GradientPair {
  readonly variable: Variable;
  readonly gradient: Tensor;
}

/**
 * What the training loop needs of an optimizer. `@layerwise/optimizers` implements it with
 * Keras' `build(variables)` + `updateStep(gradient, variable, learningRate)` shape.
 */
export interface Optimizer extends Serializable {
  /** The current learning rate; callbacks such as ReduceLROnPlateau set it during training. */
  learningRate: number;
  /** How many times `applyGradients` has run. */
  readonly iterations: number;
  /** Applies one update to every variable from its gradient. Does not dispose the gradients. */
  applyGradients(pairs: readonly GradientPair[]): void;
  /** Frees the optimizer's slot variables (momenta and the like). */
  dispose(): void;
  /**
   * A copy of everything the optimizer accumulated (step count, learning rate, slots), for
   * resuming training exactly; optional. `@layerwise/optimizers` implements it.
   */
  getState?(): OptimizerStateSnapshot;
  /**
   * With an exponential moving average of the weights (`useEma`), writes the averages into the
   * variables, as Keras' `finalize_variable_values`; `fit` calls it when training ends. Optional.
   */
  finalizeVariableValues?(variables?: readonly Variable[]): void;
  /** Restores a {@link OptimizerStateSnapshot}; with `variables`, slots are matched to them by position. Optional. */
  setState?(state: OptimizerStateSnapshot, variables?: readonly Variable[]): void;
}

/** An optimizer's state as `getState` exports it: the caller owns the tensors. */
export interface OptimizerStateSnapshot {
  readonly iterations: number;
  /** The learning rate, when it is a number rather than a schedule. */
  readonly learningRate?: number;
  /** Each variable's slots (`'momentum'`, `'velocity'`...), in the order the optimizer built them. */
  readonly slots: readonly { readonly variableName: string; readonly values: Readonly<Record<string, Tensor>> }[];
}
