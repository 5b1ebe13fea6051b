import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { LayerwiseError } from '@layerwise/core';

/** An activation function: one tensor in, one tensor of the same shape out. */
export type ActivationFn = (x: Tensor) => Tensor;

const activations = {
  linear: (x: Tensor) => x,
  relu: (x: Tensor) => tf.relu(x),
  relu6: (x: Tensor) => tf.relu6(x),
  sigmoid: (x: Tensor) => tf.sigmoid(x),
  tanh: (x: Tensor) => tf.tanh(x),
  softmax: (x: Tensor) => tf.softmax(x, -1),
  softplus: (x: Tensor) => tf.softplus(x),
  elu: (x: Tensor) => tf.elu(x),
  selu: (x: Tensor) => tf.selu(x),
  exponential: (x: Tensor) => tf.exp(x),
} satisfies Record<string, ActivationFn>;

/** The activations known by name, as Keras spells them. */
export type ActivationName = keyof typeof activations;

/** Every activation name `getActivation` accepts. */
export const activationNames = Object.keys(activations) as ActivationName[];

/**
 * Resolves an activation name (`'relu'`, `'softmax'`, ...) to its function. `owner` names the
 * layer in the error raised for an unknown name.
 */
export function getActivation(name: string, owner = 'getActivation'): ActivationFn {
  if (!Object.hasOwn(activations, name)) {
    throw new LayerwiseError(
      `${owner}: received an unknown value for \`activation\`: '${name}'. ` +
        `Known activations: ${activationNames.join(', ')}`,
    );
  }
  return activations[name as ActivationName];
}
