import type { ConfigDict, Optimizer } from '@layerwise/core';
import { LayerwiseError, describeValue } from '@layerwise/core';
import { Adam } from './adam.js';
import type { BaseOptimizer } from './base-optimizer.js';
import { RMSprop } from './rmsprop.js';
import { SGD } from './sgd.js';

/** The Keras string names `getOptimizer` resolves (case-insensitive), in the order error messages list them. */
export const knownOptimizers: readonly string[] = ['sgd', 'rmsprop', 'adam'];

const FROM_CONFIG: Readonly<Record<string, (config: ConfigDict) => BaseOptimizer>> = {
  sgd: (config) => SGD.fromConfig(config),
  rmsprop: (config) => RMSprop.fromConfig(config),
  adam: (config) => Adam.fromConfig(config),
};

function lookup(owner: string, name: string): (config: ConfigDict) => BaseOptimizer {
  const make = FROM_CONFIG[name.toLowerCase()];
  if (make === undefined) {
    throw new LayerwiseError(`${owner}: unknown optimizer ${describeValue(name)}. Known optimizers: ${knownOptimizers.map((n) => `'${n}'`).join(', ')}`);
  }
  return make;
}

function isOptimizer(value: unknown): value is Optimizer {
  return typeof value === 'object' && value !== null && typeof (value as Optimizer).applyGradients === 'function';
}

/**
 * Resolves an optimizer identifier as `compile` receives it: a Keras name (`'sgd'`, `'rmsprop'`,
 * `'adam'`, case-insensitive) gives a new optimizer with Keras' defaults; an optimizer object is
 * returned as is. An unknown name is an error listing the known ones.
 *
 * @example
 * ```ts
 * const optimizer = getOptimizer('adam'); // Adam, learningRate 0.001
 * ```
 */
export function getOptimizer(identifier: string): BaseOptimizer;
export function getOptimizer<T extends Optimizer>(identifier: T): T;
export function getOptimizer(identifier: string | Optimizer): Optimizer;
export function getOptimizer(identifier: string | Optimizer): Optimizer {
  if (typeof identifier === 'string') return lookup('getOptimizer', identifier)({});
  if (isOptimizer(identifier)) return identifier;
  throw new LayerwiseError(
    `getOptimizer: expected an optimizer or one of the names ${knownOptimizers.map((n) => `'${n}'`).join(', ')}. Received: ${describeValue(identifier)}`,
  );
}

/** A serialised optimizer: its class name and `getConfig()`. */
export interface SerializedOptimizer {
  readonly className: string;
  readonly config: ConfigDict;
}

/**
 * Rebuilds an optimizer from its class name (`'Adam'`, case-insensitive) and Keras config, as
 * written by `{ className: optimizer.className, config: optimizer.getConfig() }`.
 *
 * @example
 * ```ts
 * const copy = deserializeOptimizer({ className: opt.className, config: opt.getConfig() });
 * ```
 */
export function deserializeOptimizer(serialized: SerializedOptimizer): BaseOptimizer {
  if (typeof serialized !== 'object' || serialized === null || typeof serialized.className !== 'string') {
    throw new LayerwiseError(`deserializeOptimizer: expected { className, config }. Received: ${describeValue(serialized)}`);
  }
  return lookup('deserializeOptimizer', serialized.className)(serialized.config ?? {});
}
