import type { ConfigDict, ConfigValue, Initializer } from '@layerwise/core';
import { LayerwiseError } from '@layerwise/core';
import { catalogueInitializerClasses, Constant, GlorotNormal, GlorotUniform, HeNormal, HeUniform, Ones, VarianceScaling, Zeros } from '../initializers/index.js';

const initializerClasses: Record<string, (config: ConfigDict) => Initializer> = {
  Zeros: () => new Zeros(),
  Ones: () => new Ones(),
  Constant: (c) => new Constant(Number(c['value'] ?? 0)),
  GlorotUniform: (c) => new GlorotUniform(seedOf(c)),
  GlorotNormal: (c) => new GlorotNormal(seedOf(c)),
  HeNormal: (c) => new HeNormal(seedOf(c)),
  HeUniform: (c) => new HeUniform(seedOf(c)),
  VarianceScaling: (c) =>
    new VarianceScaling({
      scale: Number(c['scale'] ?? 1),
      mode: camel(String(c['mode'] ?? 'fan_in')) as 'fanIn',
      distribution: camel(String(c['distribution'] ?? 'truncated_normal')) as 'truncatedNormal',
      ...seedOf(c),
    }),
  // RandomNormal, RandomUniform, TruncatedNormal, Identity, Orthogonal, LecunNormal, LecunUniform.
  ...catalogueInitializerClasses,
};

function seedOf(config: ConfigDict): { seed?: number } {
  return typeof config['seed'] === 'number' ? { seed: config['seed'] } : {};
}

/** `'kernel_initializer'` → `'kernelInitializer'`. */
export function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function isSerialized(value: ConfigValue | undefined): value is { class_name: string; config: ConfigDict } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as ConfigDict)['class_name'] === 'string';
}

/** Rebuilds an initialiser from its `{class_name, config}` form. */
export function deserializeInitializer(value: { class_name: string; config: ConfigDict }): Initializer {
  const make = initializerClasses[value.class_name];
  if (!make) {
    throw new LayerwiseError(
      `Unknown initializer class '${value.class_name}'. Known: ${Object.keys(initializerClasses).join(', ')}`,
    );
  }
  return make(value.config ?? {});
}

/**
 * Turns a Keras-style layer config (snake_case keys, `batch_input_shape`, serialised
 * initialisers) back into constructor arguments.
 */
export function configToArgs(config: ConfigDict): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined || value === null) continue;
    if (key === 'batch_input_shape' && Array.isArray(value)) {
      const [batch, ...rest] = value as (number | null)[];
      args['inputShape'] = rest;
      if (batch !== null && batch !== undefined) args['batchSize'] = batch;
    } else if (isSerialized(value) && key.endsWith('initializer')) {
      args[camel(key)] = deserializeInitializer(value);
    } else {
      args[camel(key)] = value;
    }
  }
  return args;
}
