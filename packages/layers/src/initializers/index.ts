import { LayerwiseError, type Initializer } from '@layerwise/core';
import { Constant, Ones, Zeros } from './constant.js';
import { GlorotNormal, GlorotUniform, HeNormal, HeUniform, type SeedOptions } from './named.js';
import { VarianceScaling, type VarianceScalingOptions } from './variance-scaling.js';
import { catalogueInitializersByName } from './catalogue.js';

export { Constant, Ones, Zeros, GlorotNormal, GlorotUniform, HeNormal, HeUniform, VarianceScaling };
export type { SeedOptions, VarianceScalingOptions };
export { computeFans } from './fans.js';
export { RandomNormal, RandomUniform, TruncatedNormal, Orthogonal } from './random.js';
export type { RandomNormalOptions, RandomUniformOptions, OrthogonalOptions } from './random.js';
export { Identity, type IdentityOptions } from './identity.js';
export { LecunNormal, LecunUniform } from './lecun.js';
export { randomNormal, randomUniform, truncatedNormal, identity, orthogonal, lecunNormal, lecunUniform, catalogueInitializerClasses } from './catalogue.js';

/** `glorotUniform({seed})`: the Keras default kernel initialiser. */
export const glorotUniform = (options?: SeedOptions): Initializer => new GlorotUniform(options);
/** `glorotNormal({seed})`. */
export const glorotNormal = (options?: SeedOptions): Initializer => new GlorotNormal(options);
/** `heNormal({seed})`. */
export const heNormal = (options?: SeedOptions): Initializer => new HeNormal(options);
/** `heUniform({seed})`. */
export const heUniform = (options?: SeedOptions): Initializer => new HeUniform(options);
/** `zeros()`: the default bias initialiser. */
export const zeros = (): Initializer => new Zeros();
/** `ones()`. */
export const ones = (): Initializer => new Ones();
/** `constant(value)`. */
export const constant = (value: number): Initializer => new Constant(value);
/** `varianceScaling(options)`. */
export const varianceScaling = (options?: VarianceScalingOptions): Initializer => new VarianceScaling(options);

const byName: Record<string, () => Initializer> = {
  glorotUniform,
  glorotNormal,
  heNormal,
  heUniform,
  zeros,
  ones,
  ...catalogueInitializersByName,
};

/** Names `getInitializer` resolves (camelCase; Keras' snake_case spellings are accepted too). */
export const initializerNames = Object.keys(byName);

/** An initialiser, or its name (`'glorotUniform'`, `'glorot_uniform'`, `'heNormal'`, `'zeros'`). */
export type InitializerIdentifier = Initializer | string;

/** Resolves an initialiser name to a fresh instance; instances pass through. `owner` and `argument` name the layer and its argument in the error. */
export function getInitializer(identifier: InitializerIdentifier, owner = 'getInitializer', argument = 'initializer'): Initializer {
  if (typeof identifier !== 'string') return identifier;
  const camel = identifier.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  const make = byName[camel];
  if (!make) {
    throw new LayerwiseError(
      `${owner}: received an unknown value for \`${argument}\`: '${identifier}'. Known initializers: ${initializerNames.join(', ')}`,
    );
  }
  return make();
}
