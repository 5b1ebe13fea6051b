import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { checkBoolean, checkNumber, type ConfigDict, type Shape } from '@layerwise/core';
import type { LayerArgs } from '../../engine/layer.js';
import { getInitializer, type InitializerIdentifier } from '../../initializers/index.js';
import { getConstraint, serializeConstraint, type ConstraintIdentifier } from '../../constraints/constraints.js';
import { RegularizedLayer } from '../../regularizers/regularized-layer.js';
import { getRegularizer, serializeRegularizer, type RegularizerIdentifier } from '../../regularizers/regularizers.js';
import { checkAxes, knownDims, resolveAxes } from './normalization-utils.js';

/** Arguments of {@link LayerNormalization}, with Keras' defaults. */
export interface LayerNormalizationArgs extends LayerArgs {
  /** Axis or axes normalised over (per sample). Default -1. */
  axis?: number | readonly number[];
  /** Added to the variance. Default 1e-3. */
  epsilon?: number;
  /** Learn an offset `beta`. Default true. */
  center?: boolean;
  /** Learn a scale `gamma`. Default true. */
  scale?: boolean;
  betaInitializer?: InitializerIdentifier;
  gammaInitializer?: InitializerIdentifier;
  betaRegularizer?: RegularizerIdentifier;
  gammaRegularizer?: RegularizerIdentifier;
  betaConstraint?: ConstraintIdentifier;
  gammaConstraint?: ConstraintIdentifier;
}

/**
 * Keras' LayerNormalization: normalises each sample over `axis` with its own mean and (biased)
 * variance, then applies `gamma` and `beta` (shaped like the normalised axes). Same computation in
 * training and inference. Weights: gamma, beta, in Keras' order. (Keras 3's `rms_scaling` is not
 * offered.)
 */
export class LayerNormalization extends RegularizedLayer {
  static override readonly className = 'LayerNormalization';
  override readonly supportsMasking = true;
  readonly axis: number | number[];
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  private readonly settings;
  private gamma: Variable | undefined;
  private beta: Variable | undefined;

  constructor(args: LayerNormalizationArgs = {}) {
    super(args);
    const owner = `LayerNormalization "${this.name}"`;
    this.axis = checkAxes(owner, args.axis ?? -1);
    this.epsilon = checkNumber(owner, 'epsilon', args.epsilon ?? 1e-3, { min: 0, minExclusive: true });
    this.center = checkBoolean(owner, 'center', args.center ?? true);
    this.scale = checkBoolean(owner, 'scale', args.scale ?? true);
    this.settings = {
      betaInitializer: getInitializer(args.betaInitializer ?? 'zeros', owner, 'betaInitializer'),
      gammaInitializer: getInitializer(args.gammaInitializer ?? 'ones', owner, 'gammaInitializer'),
      betaRegularizer: getRegularizer(args.betaRegularizer, owner, 'betaRegularizer'),
      gammaRegularizer: getRegularizer(args.gammaRegularizer, owner, 'gammaRegularizer'),
      betaConstraint: getConstraint(args.betaConstraint, owner, 'betaConstraint'),
      gammaConstraint: getConstraint(args.gammaConstraint, owner, 'gammaConstraint'),
    };
  }

  private get owner(): string {
    return `LayerNormalization "${this.name}"`;
  }

  override build(inputShape: Shape): void {
    const axes = resolveAxes(this.owner, this.axis, inputShape.length);
    const shape = knownDims(this.owner, inputShape, axes);
    const s = this.settings;
    if (this.scale) this.gamma = this.addRegularizedWeight({ name: 'gamma', shape, initializer: s.gammaInitializer, regularizer: s.gammaRegularizer, constraint: s.gammaConstraint });
    if (this.center) this.beta = this.addRegularizedWeight({ name: 'beta', shape, initializer: s.betaInitializer, regularizer: s.betaRegularizer, constraint: s.betaConstraint });
  }

  call(x: Tensor): Tensor {
    const axes = resolveAxes(this.owner, this.axis, x.rank);
    const broadcast = x.shape.map((d, i) => (axes.includes(i) ? d : 1));
    return tf.tidy(() => {
      const { mean, variance } = tf.moments(x, axes, true);
      let y = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, this.epsilon)));
      if (this.gamma) y = tf.mul(y, tf.reshape(this.gamma, broadcast));
      if (this.beta) y = tf.add(y, tf.reshape(this.beta, broadcast));
      return y;
    });
  }

  override getConfig(): ConfigDict {
    const s = this.settings;
    const init = (i: typeof s.betaInitializer) => ({ class_name: i.className, config: i.getConfig() });
    return {
      ...super.getConfig(),
      axis: this.axis,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      beta_initializer: init(s.betaInitializer),
      gamma_initializer: init(s.gammaInitializer),
      beta_regularizer: serializeRegularizer(s.betaRegularizer),
      gamma_regularizer: serializeRegularizer(s.gammaRegularizer),
      beta_constraint: serializeConstraint(s.betaConstraint),
      gamma_constraint: serializeConstraint(s.gammaConstraint),
    };
  }
}

/** Creates a {@link LayerNormalization} layer. */
export const layerNormalization = (args: LayerNormalizationArgs = {}): LayerNormalization => new LayerNormalization(args);
