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
  leakyRelu: (x: Tensor) => tf.leakyRelu(x, 0.2),
  softsign: (x: Tensor) => tf.div(x, tf.add(tf.abs(x), 1)),
  // Keras 3: relu6(x + 3) / 6.
  hardSigmoid: (x: Tensor) => tf.div(tf.relu6(tf.add(x, 3)), 6),
  swish: (x: Tensor) => tf.mul(x, tf.sigmoid(x)),
  silu: (x: Tensor) => tf.mul(x, tf.sigmoid(x)),
  mish: (x: Tensor) => tf.mul(x, tf.tanh(tf.softplus(x))),
  // The exact GELU, x * Phi(x), with Phi from the error function (Keras' default approximate=false).
  gelu: (x: Tensor) => tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.div(x, Math.SQRT2)), 1)),
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
  const aliases: Record<string, string> = { leaky_relu: 'leakyRelu', hard_sigmoid: 'hardSigmoid' };
  name = aliases[name] ?? name;
  if (!Object.hasOwn(activations, name)) {
    throw new LayerwiseError(
      `${owner}: received an unknown value for \`activation\`: '${name}'. ` +
        `Known activations: ${activationNames.join(', ')}`,
    );
  }
  return activations[name as ActivationName];
}
