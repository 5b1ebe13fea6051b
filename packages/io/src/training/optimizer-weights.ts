import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { LayerwiseError } from '@layerwise/core';
import { BaseOptimizer, disposeOptimizerState, type OptimizerState } from '@layerwise/optimizers';
import type { AnyModel, WeightValue } from '../weights/weight-groups.js';

function baseOptimizer(model: AnyModel): BaseOptimizer | undefined {
  const optimizer = model.optimizer;
  return optimizer instanceof BaseOptimizer ? optimizer : undefined;
}

const variablesOf = (model: AnyModel) => model.trainableWeights.map((w) => w.variable);

/**
 * The optimizer's state as a flat list in Keras 3's order: `iteration` (int32 scalar),
 * `learning_rate` (float32 scalar), then each trainable variable's slots (`0/momentum`,
 * `0/velocity`, `1/momentum`, ...). Empty when the model has no Layerwise optimizer. The caller
 * disposes the tensors.
 */
export function optimizerWeightsOf(model: AnyModel): WeightValue[] {
  const optimizer = baseOptimizer(model);
  if (!optimizer) return [];
  const state = optimizer.getState();
  return [
    { name: 'iteration', tensor: tf.scalar(state.iterations, 'int32') },
    { name: 'learning_rate', tensor: tf.scalar(state.learningRate ?? optimizer.learningRate, 'float32') },
    ...state.slots.flatMap((slot, i) => Object.entries(slot.values).map(([name, tensor]) => ({ name: `${i}/${name}`, tensor }))),
  ];
}

/**
 * Restores a state saved by {@link optimizerWeightsOf} (or Keras 3's optimizer variables, which
 * have the same order) into the compiled model's optimizer, for its trainable variables.
 */
export function restoreOptimizerWeights(model: AnyModel, values: readonly Tensor[], source: string): void {
  const optimizer = baseOptimizer(model);
  if (!optimizer || values.length === 0) return;
  // Saved before any update: no slots yet, only the step count and the learning rate.
  const unbuilt = values.length === 2;
  const variables = unbuilt ? [] : variablesOf(model);
  if (!unbuilt) optimizer.build(variables);
  const template = optimizer.getState();
  try {
    const slotCount = template.slots.reduce((n, s) => n + Object.keys(s.values).length, 0);
    if (values.length !== 2 + slotCount) {
      throw new LayerwiseError(`${source}: the file holds ${values.length} optimizer values; ${optimizer.className} needs ${2 + slotCount} for this model (iteration, learning rate and ${slotCount} slots)`);
    }
    let next = 2;
    const slots = template.slots.map((slot) => ({
      variableName: slot.variableName,
      values: Object.fromEntries(Object.keys(slot.values).map((name) => [name, values[next++]!])),
    }));
    // Stored as float32 (Keras' layout); the config's value is the same rate at full precision.
    const stored = (values[1]!.dataSync() as Float32Array)[0]!;
    const learningRate = Math.fround(optimizer.learningRate) === stored ? optimizer.learningRate : stored;
    const state: OptimizerState = {
      iterations: Number(values[0]!.dataSync()[0]),
      slots,
      ...(template.learningRate !== undefined ? { learningRate } : {}),
    };
    if (unbuilt) optimizer.setState(state);
    else optimizer.setState(state, variables);
  } finally {
    disposeOptimizerState(template);
  }
}
