import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkNumber, describeValue, invalidArgument, LayerwiseError, type ConfigDict, type ConfigValue, type Serializable } from '@layerwise/core';

/** A projection applied to a weight after each optimizer update (Keras' `kernel_constraint` and friends). */
export interface Constraint extends Serializable {
  /** The constrained value of `w`: a new tensor of the same shape. */
  apply(w: Tensor): Tensor;
}

/** Keras' `backend.epsilon()`, which the norm constraints add to the norms. */
const EPSILON = 1e-7;

function checkAxis(owner: string, axis: number | readonly number[]): number | number[] {
  const list = typeof axis === 'number' ? [axis] : axis;
  if (!Array.isArray(list) || list.length === 0 || list.some((a) => !Number.isInteger(a))) {
    throw invalidArgument({ owner, argument: 'axis', expected: 'an integer or a non-empty list of integers', received: axis });
  }
  return typeof axis === 'number' ? axis : [...axis];
}

const norms = (w: Tensor, axis: number | number[]) => tf.sqrt(tf.sum(tf.square(w), axis, true));

/** Options of {@link MaxNorm}. */
export interface MaxNormOptions {
  /** The largest norm allowed. Default 2. */
  maxValue?: number;
  /** Axis (or axes) along which norms are computed. Default 0: each column of a Dense kernel, each filter of a Conv2D kernel, with `[0, 1, 2]`. */
  axis?: number | readonly number[];
}

/** Keras' MaxNorm: rescales slices whose L2 norm exceeds `maxValue` down to it. */
export class MaxNorm implements Constraint {
  readonly className: string = 'MaxNorm';
  readonly maxValue: number;
  readonly axis: number | number[];
  constructor(options: MaxNormOptions = {}) {
    this.maxValue = checkNumber('MaxNorm', 'maxValue', options.maxValue ?? 2, { min: 0 });
    this.axis = checkAxis('MaxNorm', options.axis ?? 0);
  }
  apply(w: Tensor): Tensor {
    return tf.tidy(() => {
      const n = norms(w, this.axis);
      const desired = tf.clipByValue(n, 0, this.maxValue);
      return tf.mul(w, tf.div(desired, tf.add(n, EPSILON)));
    });
  }
  getConfig(): ConfigDict {
    return { max_value: this.maxValue, axis: this.axis };
  }
}

/** Options of {@link MinMaxNorm}. */
export interface MinMaxNormOptions {
  /** The smallest norm. Default 0. */
  minValue?: number;
  /** The largest norm. Default 1. */
  maxValue?: number;
  /** How far to move towards the clipped norm each time: 1 enforces it strictly. Default 1. */
  rate?: number;
  /** Axis (or axes) along which norms are computed. Default 0. */
  axis?: number | readonly number[];
}

/** Keras' MinMaxNorm: moves each slice's L2 norm into `[minValue, maxValue]` at `rate`. */
export class MinMaxNorm implements Constraint {
  readonly className: string = 'MinMaxNorm';
  readonly minValue: number;
  readonly maxValue: number;
  readonly rate: number;
  readonly axis: number | number[];
  constructor(options: MinMaxNormOptions = {}) {
    this.minValue = checkNumber('MinMaxNorm', 'minValue', options.minValue ?? 0, { min: 0 });
    this.maxValue = checkNumber('MinMaxNorm', 'maxValue', options.maxValue ?? 1, { min: this.minValue });
    this.rate = checkNumber('MinMaxNorm', 'rate', options.rate ?? 1, { min: 0, max: 1 });
    this.axis = checkAxis('MinMaxNorm', options.axis ?? 0);
  }
  apply(w: Tensor): Tensor {
    return tf.tidy(() => {
      const n = norms(w, this.axis);
      const desired = tf.add(tf.mul(tf.clipByValue(n, this.minValue, this.maxValue), this.rate), tf.mul(n, 1 - this.rate));
      return tf.mul(w, tf.div(desired, tf.add(n, EPSILON)));
    });
  }
  getConfig(): ConfigDict {
    return { min_value: this.minValue, max_value: this.maxValue, rate: this.rate, axis: this.axis };
  }
}

/** Keras' NonNeg: sets negative values to 0. */
export class NonNeg implements Constraint {
  readonly className: string = 'NonNeg';
  apply(w: Tensor): Tensor {
    return tf.relu(w);
  }
  getConfig(): ConfigDict {
    return {};
  }
}

/** Options of {@link UnitNorm}. */
export interface UnitNormOptions {
  /** Axis (or axes) along which norms are computed. Default 0. */
  axis?: number | readonly number[];
}

/** Keras' UnitNorm: divides each slice by its L2 norm. */
export class UnitNorm implements Constraint {
  readonly className: string = 'UnitNorm';
  readonly axis: number | number[];
  constructor(options: UnitNormOptions = {}) {
    this.axis = checkAxis('UnitNorm', options.axis ?? 0);
  }
  apply(w: Tensor): Tensor {
    return tf.tidy(() => tf.div(w, tf.add(norms(w, this.axis), EPSILON)));
  }
  getConfig(): ConfigDict {
    return { axis: this.axis };
  }
}

/** `maxNorm({ maxValue, axis })`. */
export const maxNorm = (options?: MaxNormOptions): Constraint => new MaxNorm(options);
/** `minMaxNorm({ minValue, maxValue, rate, axis })`. */
export const minMaxNorm = (options?: MinMaxNormOptions): Constraint => new MinMaxNorm(options);
/** `nonNeg()`. */
export const nonNeg = (): Constraint => new NonNeg();
/** `unitNorm({ axis })`. */
export const unitNorm = (options?: UnitNormOptions): Constraint => new UnitNorm(options);

/** A constraint's `{ class_name, config }` form, as written in Keras configs. */
export interface SerializedConstraint {
  class_name: string;
  config: ConfigDict;
}

/**
 * A constraint: an instance, a Keras name (`'maxNorm'`/`'max_norm'`, `'minMaxNorm'`, `'nonNeg'`/`'non_neg'`,
 * `'unitNorm'`, with defaults) or its serialised `{ class_name, config }` form.
 */
export type ConstraintIdentifier = Constraint | string | SerializedConstraint;

const byName: Record<string, () => Constraint> = { maxNorm: () => maxNorm(), minMaxNorm: () => minMaxNorm(), nonNeg, unitNorm: () => unitNorm() };

const opt = (config: ConfigDict, key: string): number | undefined => (typeof config[key] === 'number' ? (config[key] as number) : undefined);
const axisOf = (config: ConfigDict): number | number[] | undefined => {
  const axis = config['axis'];
  return typeof axis === 'number' || Array.isArray(axis) ? (axis as number | number[]) : undefined;
};
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
const byClass: Record<string, (config: ConfigDict) => Constraint> = {
  MaxNorm: (c) => new MaxNorm(defined({ maxValue: opt(c, 'max_value'), axis: axisOf(c) })),
  MinMaxNorm: (c) => new MinMaxNorm(defined({ minValue: opt(c, 'min_value'), maxValue: opt(c, 'max_value'), rate: opt(c, 'rate'), axis: axisOf(c) })),
  NonNeg: () => new NonNeg(),
  UnitNorm: (c) => new UnitNorm(defined({ axis: axisOf(c) })),
};

/** Resolves a {@link ConstraintIdentifier}; `undefined` and `null` give `undefined`. `owner` and `argument` name the culprit in errors. */
export function getConstraint(identifier: ConstraintIdentifier | null | undefined, owner = 'getConstraint', argument = 'constraint'): Constraint | undefined {
  if (identifier === undefined || identifier === null) return undefined;
  if (typeof identifier === 'string') {
    const make = byName[identifier.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())];
    if (!make) throw invalidArgument({ owner, argument, expected: `a constraint or one of ${Object.keys(byName).join(', ')}`, received: identifier });
    return make();
  }
  if (typeof identifier === 'object' && 'class_name' in identifier && !('apply' in identifier)) {
    const make = byClass[identifier.class_name];
    if (!make) {
      throw new LayerwiseError(`${owner}: unknown constraint class ${describeValue(identifier.class_name)} for \`${argument}\`. Known: ${Object.keys(byClass).join(', ')}`);
    }
    return make(identifier.config ?? {});
  }
  if (typeof identifier === 'object' && typeof (identifier as Constraint).apply === 'function') return identifier as Constraint;
  throw invalidArgument({ owner, argument, expected: 'a constraint, its name or its { class_name, config }', received: identifier });
}

/** A constraint's config entry: `{ class_name, config }`, or `null` for none. */
export function serializeConstraint(constraint: Constraint | undefined): ConfigValue {
  return constraint ? { class_name: constraint.className, config: constraint.getConfig() } : null;
}
