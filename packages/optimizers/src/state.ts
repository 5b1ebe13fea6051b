import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';

/** One variable's slot values in an {@link OptimizerState}. */
export interface VariableSlotState {
  /** The name of the variable the slots belong to (tfjs' `variable.name`). */
  readonly variableName: string;
  /**
   * Slot name (`'momentum'`, `'velocity'`, ...) to its value; with `useEma` also `'average'`, with
   * `gradientAccumulationSteps` also `'gradient_accumulator'`.
   */
  readonly values: Readonly<Record<string, Tensor>>;
}

/**
 * Everything an optimizer accumulates while training, as `getState()` exports it and `setState()`
 * restores it: the step count, the learning rate when it is a number, and every slot, per variable
 * in the order they were built. The tensors are copies owned by whoever holds the state (free them
 * with {@link disposeOptimizerState}).
 */
export interface OptimizerState {
  /**
   * The number of `applyGradients` calls (the optimizer's `stepCount`, Keras' `_iterations`); with
   * gradient accumulation, `iterations` is this divided by the accumulation steps.
   */
  readonly iterations: number;
  /** The learning rate, when it is a number rather than a schedule; absent, `setState` keeps the current one. */
  readonly learningRate?: number;
  /** Every variable's slots, in the order the variables were built. */
  readonly slots: readonly VariableSlotState[];
}

/** Frees the tensors of an {@link OptimizerState}. */
export function disposeOptimizerState(state: OptimizerState): void {
  for (const entry of state.slots) tf.dispose(Object.values(entry.values));
}
