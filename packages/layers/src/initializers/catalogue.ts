import type { ConfigDict, Initializer } from '@layerwise/core';
import { Identity, type IdentityOptions } from './identity.js';
import { LecunNormal, LecunUniform } from './lecun.js';
import type { SeedOptions } from './named.js';
import {
  Orthogonal,
  RandomNormal,
  RandomUniform,
  TruncatedNormal,
  type OrthogonalOptions,
  type RandomNormalOptions,
  type RandomUniformOptions,
} from './random.js';

/** `randomNormal({ mean, stddev, seed })`: Keras' RandomNormal (defaults 0, 0.05). */
export const randomNormal = (options?: RandomNormalOptions): Initializer => new RandomNormal(options);
/** `randomUniform({ minval, maxval, seed })`: Keras' RandomUniform (defaults -0.05, 0.05). */
export const randomUniform = (options?: RandomUniformOptions): Initializer => new RandomUniform(options);
/** `truncatedNormal({ mean, stddev, seed })`: Keras' TruncatedNormal (defaults 0, 0.05). */
export const truncatedNormal = (options?: RandomNormalOptions): Initializer => new TruncatedNormal(options);
/** `identity({ gain })`: the identity matrix (2-D shapes). */
export const identity = (options?: IdentityOptions): Initializer => new Identity(options);
/** `orthogonal({ gain, seed })`: the default recurrent kernel initialiser. */
export const orthogonal = (options?: OrthogonalOptions): Initializer => new Orthogonal(options);
/** `lecunNormal({ seed })`. */
export const lecunNormal = (options?: SeedOptions): Initializer => new LecunNormal(options);
/** `lecunUniform({ seed })`. */
export const lecunUniform = (options?: SeedOptions): Initializer => new LecunUniform(options);

/** The initialisers of this file by name (camelCase), with Keras' aliases `normal` and `uniform`. */
export const catalogueInitializersByName: Record<string, () => Initializer> = {
  randomNormal: () => randomNormal(),
  randomUniform: () => randomUniform(),
  truncatedNormal: () => truncatedNormal(),
  identity: () => identity(),
  orthogonal: () => orthogonal(),
  lecunNormal: () => lecunNormal(),
  lecunUniform: () => lecunUniform(),
  normal: () => randomNormal(),
  uniform: () => randomUniform(),
};

const num = (config: ConfigDict, key: string): number | undefined => (typeof config[key] === 'number' ? (config[key] as number) : undefined);
const seed = (config: ConfigDict) => (typeof config['seed'] === 'number' ? { seed: config['seed'] } : {});
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/**
 * Rebuilds the initialisers of this file from their Keras `{ class_name, config }` form; merged into
 * the engine's deserialiser so that layer configs naming them round-trip.
 */
export const catalogueInitializerClasses: Record<string, (config: ConfigDict) => Initializer> = {
  RandomNormal: (c) => new RandomNormal(defined({ mean: num(c, 'mean'), stddev: num(c, 'stddev'), ...seed(c) })),
  RandomUniform: (c) => new RandomUniform(defined({ minval: num(c, 'minval'), maxval: num(c, 'maxval'), ...seed(c) })),
  TruncatedNormal: (c) => new TruncatedNormal(defined({ mean: num(c, 'mean'), stddev: num(c, 'stddev'), ...seed(c) })),
  Identity: (c) => new Identity(defined({ gain: num(c, 'gain') })),
  IdentityInitializer: (c) => new Identity(defined({ gain: num(c, 'gain') })),
  Orthogonal: (c) => new Orthogonal(defined({ gain: num(c, 'gain'), ...seed(c) })),
  LecunNormal: (c) => new LecunNormal(seed(c)),
  LecunUniform: (c) => new LecunUniform(seed(c)),
};
