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

/** Options of {@link activationOps}`.relu`, as Keras' `relu(x, negative_slope, max_value, threshold)`. */
export interface ReluOptions {
  /** Slope below `threshold`. Default 0. */
  negativeSlope?: number;
  /** Upper bound of the output; none by default. */
  maxValue?: number;
  /** Values below it take the negative slope. Default 0. */
  threshold?: number;
}

/**
 * Keras' activation functions with their options, for use in code (names in strings take the
 * defaults): `activationOps.gelu(x, true)` is the tanh approximation, `activationOps.softmax(x, 1)`
 * normalises over axis 1, `activationOps.leakyRelu(x, 0.1)`, `activationOps.elu(x, 0.5)`.
 */
export const activationOps = {
  /** `max(x, 0)`, or Keras' generalised form with `negativeSlope`, `maxValue` and `threshold`. */
  relu(x: Tensor, options: ReluOptions = {}): Tensor {
    const { negativeSlope = 0, maxValue, threshold = 0 } = options;
    if (negativeSlope === 0 && threshold === 0) return maxValue === undefined ? tf.relu(x) : tf.tidy(() => tf.clipByValue(tf.relu(x), 0, maxValue));
    return tf.tidy(() => {
      let y = tf.where(tf.greaterEqual(x, threshold), x, tf.mul(tf.sub(x, threshold), negativeSlope));
      if (maxValue !== undefined) y = tf.minimum(y, maxValue);
      return y;
    });
  },
  /** `x` for positive inputs, `negativeSlope * x` otherwise (Keras' default slope 0.2). */
  leakyRelu(x: Tensor, negativeSlope = 0.2): Tensor {
    return tf.leakyRelu(x, negativeSlope);
  },
  /** `x` for positive inputs, `alpha * (exp(x) - 1)` otherwise. */
  elu(x: Tensor, alpha = 1): Tensor {
    if (alpha === 1) return tf.elu(x);
    // relu(x) + alpha * (exp(min(x, 0)) - 1): the exponential never overflows, and no branch select.
    return tf.tidy(() => tf.add(tf.relu(x), tf.mul(tf.sub(tf.exp(tf.minimum(x, 0)), 1), alpha)));
  },
  /** GELU: exact, `x * Φ(x)` (Keras' default), or with `approximate` the tanh form `0.5x(1 + tanh(√(2/π)(x + 0.044715x³)))`. */
  gelu(x: Tensor, approximate = false): Tensor {
    if (!approximate) return activations.gelu(x);
    return tf.tidy(() => {
      const inner = tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), 0.044715)), Math.sqrt(2 / Math.PI));
      return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1));
    });
  },
  /** Softmax over `axis` (default the last). */
  softmax(x: Tensor, axis = -1): Tensor {
    const a = axis < 0 ? x.rank + axis : axis;
    if (a === x.rank - 1) return tf.softmax(x);
    return tf.tidy(() => {
      const shifted = tf.exp(tf.sub(x, tf.max(x, a, true)));
      return tf.div(shifted, tf.sum(shifted, a, true));
    });
  },
} as const;
