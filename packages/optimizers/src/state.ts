import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';

/** One variable's slot values in an {@link OptimizerState}. */
export interface VariableSlotState {
  /** The name of the variable the slots belong to (tfjs' `variable.name`). */
  readonly variableName: string;
  /** Slot name (`'momentum'`, `'velocity'`, ...) to its value. */
  readonly values: Readonly<Record<string, Tensor>>;
}

/**
 * Everything an optimizer accumulates while training, as `getState()` exports it and `setState()`
 * restores it: the iteration count and every slot, per variable in the order they were built.
 * The tensors are copies owned by whoever holds the state (free them with {@link disposeOptimizerState}).
 */
export interface OptimizerState {
  readonly iterations: number;
  readonly slots: readonly VariableSlotState[];
}

/** Frees the tensors of an {@link OptimizerState}. */
export function disposeOptimizerState(state: OptimizerState): void {
  for (const entry of state.slots) tf.dispose(Object.values(entry.values));
}
