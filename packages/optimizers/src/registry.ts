import type { ConfigDict, Optimizer } from '@layerwise/core';
import { LayerwiseError, describeValue } from '@layerwise/core';
import { Adadelta } from './adadelta.js';
import { Adagrad } from './adagrad.js';
import { Adam } from './adam.js';
import { Adamax } from './adamax.js';
import { AdamW } from './adamw.js';
import type { BaseOptimizer } from './base-optimizer.js';
import { Ftrl } from './ftrl.js';
import { Lion } from './lion.js';
import { Nadam } from './nadam.js';
import { RMSprop } from './rmsprop.js';
import type { CustomSchedules } from './schedules/serialization.js';
import { SGD } from './sgd.js';

type FromConfig = (config: ConfigDict, customSchedules?: CustomSchedules) => BaseOptimizer;

const FROM_CONFIG: Readonly<Record<string, FromConfig>> = {
  sgd: (config, custom) => SGD.fromConfig(config, custom),
  rmsprop: (config, custom) => RMSprop.fromConfig(config, custom),
  adam: (config, custom) => Adam.fromConfig(config, custom),
  adamw: (config, custom) => AdamW.fromConfig(config, custom),
  adagrad: (config, custom) => Adagrad.fromConfig(config, custom),
  adadelta: (config, custom) => Adadelta.fromConfig(config, custom),
  adamax: (config, custom) => Adamax.fromConfig(config, custom),
  nadam: (config, custom) => Nadam.fromConfig(config, custom),
  lion: (config, custom) => Lion.fromConfig(config, custom),
  ftrl: (config, custom) => Ftrl.fromConfig(config, custom),
};

/** The Keras string names `getOptimizer` resolves (case-insensitive), in the order error messages list them. */
export const knownOptimizers: readonly string[] = Object.keys(FROM_CONFIG);

function lookup(owner: string, name: string): FromConfig {
  const key = name.toLowerCase();
  const make = Object.hasOwn(FROM_CONFIG, key) ? FROM_CONFIG[key] : undefined;
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
 * `'adam'`, `'adamw'`, `'adagrad'`, `'adadelta'`, `'adamax'`, `'nadam'`, `'lion'`, `'ftrl'`,
 * case-insensitive) gives a new optimizer with Keras' defaults; an optimizer object is
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
 * written by `{ className: optimizer.className, config: optimizer.getConfig() }`. A learning rate
 * schedule in the config is rebuilt too; `customSchedules` resolves your own schedule classes.
 *
 * @example
 * ```ts
 * const copy = deserializeOptimizer({ className: opt.className, config: opt.getConfig() });
 * ```
 */
export function deserializeOptimizer(serialized: SerializedOptimizer, customSchedules?: CustomSchedules): BaseOptimizer {
  if (typeof serialized !== 'object' || serialized === null || typeof serialized.className !== 'string') {
    throw new LayerwiseError(`deserializeOptimizer: expected { className, config }. Received: ${describeValue(serialized)}`);
  }
  return lookup('deserializeOptimizer', serialized.className)(serialized.config ?? {}, customSchedules);
}
