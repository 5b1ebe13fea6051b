import * as tf from '@tensorflow/tfjs-core';
import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import { checkNumber, describeValue, invalidArgument, LayerwiseError, type ConfigDict, type ConfigValue, type Serializable } from '@layerwise/core';

/** A penalty on a tensor (a weight or a layer's output) added to the training loss. */
export interface Regularizer extends Serializable {
  /** The penalty of `x`: a new scalar. */
  apply(x: Tensor): Scalar;
}

/** Options of {@link L1L2}. */
export interface L1L2Options {
  /** Factor of `sum(|x|)`. Default 0. */
  l1?: number;
  /** Factor of `sum(x²)`. Default 0. */
  l2?: number;
}

/** Keras' L1L2: `l1 * sum(|x|) + l2 * sum(x²)` (no ½ on the L2 term, as Keras). */
export class L1L2 implements Regularizer {
  readonly className: string = 'L1L2';
  readonly l1: number;
  readonly l2: number;
  constructor(options: L1L2Options = {}) {
    this.l1 = checkNumber(this.className, 'l1', options.l1 ?? 0, { min: 0 });
    this.l2 = checkNumber(this.className, 'l2', options.l2 ?? 0, { min: 0 });
  }
  apply(x: Tensor): Scalar {
    return tf.tidy(() => {
      let loss: Tensor = tf.scalar(0);
      if (this.l1 > 0) loss = tf.add(loss, tf.mul(tf.sum(tf.abs(x)), this.l1));
      if (this.l2 > 0) loss = tf.add(loss, tf.mul(tf.sum(tf.square(x)), this.l2));
      return loss as Scalar;
    });
  }
  getConfig(): ConfigDict {
    return { l1: this.l1, l2: this.l2 };
  }
}

/** Keras' L1: `l1 * sum(|x|)`. */
export class L1 extends L1L2 {
  override readonly className: string = 'L1';
  constructor(l1 = 0.01) {
    super({ l1 });
  }
  override getConfig(): ConfigDict {
    return { l1: this.l1 };
  }
}

/** Keras' L2: `l2 * sum(x²)`. */
export class L2 extends L1L2 {
  override readonly className: string = 'L2';
  constructor(l2 = 0.01) {
    super({ l2 });
  }
  override getConfig(): ConfigDict {
    return { l2: this.l2 };
  }
}

/** `l1(0.01)`: an L1 penalty with the given factor (Keras' default 0.01). */
export const l1 = (factor = 0.01): Regularizer => new L1(factor);
/** `l2(0.01)`: an L2 penalty with the given factor (Keras' default 0.01). */
export const l2 = (factor = 0.01): Regularizer => new L2(factor);
/** `l1l2({ l1, l2 })`: both penalties (Keras' defaults 0 and 0). */
export const l1l2 = (options: L1L2Options = {}): Regularizer => new L1L2(options);

/** A regulariser's `{ class_name, config }` form, as written in Keras configs. */
export interface SerializedRegularizer {
  class_name: string;
  config: ConfigDict;
}

/**
 * A regulariser: an instance, a Keras name (`'l1'`, `'l2'`, `'l1l2'`/`'l1_l2'`, with Keras'
 * defaults) or its serialised `{ class_name, config }` form (what `fromConfig` receives).
 */
export type RegularizerIdentifier = Regularizer | string | SerializedRegularizer;

const byName: Record<string, () => Regularizer> = { l1: () => new L1(), l2: () => new L2(), l1l2: () => new L1L2(), l1_l2: () => new L1L2() };

const factor = (config: ConfigDict, key: string, fallback: number) => (typeof config[key] === 'number' ? (config[key] as number) : fallback);
const byClass: Record<string, (config: ConfigDict) => Regularizer> = {
  L1: (c) => new L1(factor(c, 'l1', 0.01)),
  L2: (c) => new L2(factor(c, 'l2', 0.01)),
  L1L2: (c) => new L1L2({ l1: factor(c, 'l1', 0), l2: factor(c, 'l2', 0) }),
};

/** Resolves a {@link RegularizerIdentifier}; `undefined` and `null` give `undefined`. `owner` and `argument` name the culprit in errors. */
export function getRegularizer(identifier: RegularizerIdentifier | null | undefined, owner = 'getRegularizer', argument = 'regularizer'): Regularizer | undefined {
  if (identifier === undefined || identifier === null) return undefined;
  if (typeof identifier === 'string') {
    const make = byName[identifier];
    if (!make) throw invalidArgument({ owner, argument, expected: `a regularizer or one of ${Object.keys(byName).join(', ')}`, received: identifier });
    return make();
  }
  if (typeof identifier === 'object' && 'class_name' in identifier && !('apply' in identifier)) {
    const make = byClass[identifier.class_name];
    if (!make) {
      throw new LayerwiseError(`${owner}: unknown regularizer class ${describeValue(identifier.class_name)} for \`${argument}\`. Known: ${Object.keys(byClass).join(', ')}`);
    }
    return make(identifier.config ?? {});
  }
  if (typeof identifier === 'object' && typeof (identifier as Regularizer).apply === 'function') return identifier as Regularizer;
  throw invalidArgument({ owner, argument, expected: 'a regularizer, its name or its { class_name, config }', received: identifier });
}

/** A regulariser's config entry: `{ class_name, config }`, or `null` for none. */
export function serializeRegularizer(regularizer: Regularizer | undefined): ConfigValue {
  return regularizer ? { class_name: regularizer.className, config: regularizer.getConfig() } : null;
}
