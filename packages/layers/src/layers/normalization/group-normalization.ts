import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { checkBoolean, checkInteger, checkNumber, formatShape, invalidArgument, LayerwiseError, type ConfigDict, type Shape } from '@layerwise/core';
import type { LayerArgs } from '../../engine/layer.js';
import { getInitializer, type InitializerIdentifier } from '../../initializers/index.js';
import { getConstraint, serializeConstraint, type ConstraintIdentifier } from '../../constraints/constraints.js';
import { RegularizedLayer } from '../../regularizers/regularized-layer.js';
import { getRegularizer, serializeRegularizer, type RegularizerIdentifier } from '../../regularizers/regularizers.js';
import { knownDims, resolveAxes } from './normalization-utils.js';

/** Arguments of {@link GroupNormalization}, with Keras' defaults. */
export interface GroupNormalizationArgs extends LayerArgs {
  /** Number of channel groups; must divide the channels. Default 32. */
  groups?: number;
  /** The channel axis. Default -1. */
  axis?: number;
  /** Added to the variance. Default 1e-3. */
  epsilon?: number;
  /** Learn an offset `beta` per channel. Default true. */
  center?: boolean;
  /** Learn a scale `gamma` per channel. Default true. */
  scale?: boolean;
  betaInitializer?: InitializerIdentifier;
  gammaInitializer?: InitializerIdentifier;
  betaRegularizer?: RegularizerIdentifier;
  gammaRegularizer?: RegularizerIdentifier;
  betaConstraint?: ConstraintIdentifier;
  gammaConstraint?: ConstraintIdentifier;
}

/**
 * Keras' GroupNormalization: splits the channels into `groups` and normalises each group of each
 * sample over its channels and all other non-batch axes; then per-channel `gamma` and `beta`.
 * `groups = 1` is layer normalisation over everything, `groups = channels` instance normalisation.
 */
export class GroupNormalization extends RegularizedLayer {
  static override readonly className = 'GroupNormalization';
  override readonly supportsMasking = true;
  readonly groups: number;
  readonly axis: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  private readonly settings;
  private gamma: Variable | undefined;
  private beta: Variable | undefined;

  constructor(args: GroupNormalizationArgs = {}) {
    super(args);
    const owner = this.owner;
    this.groups = checkInteger(owner, 'groups', args.groups ?? 32);
    this.axis = args.axis ?? -1;
    if (!Number.isInteger(this.axis)) throw invalidArgument({ owner, argument: 'axis', expected: 'an integer', received: args.axis });
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
    return `GroupNormalization "${this.name}"`;
  }

  private channelAxis(shape: Shape): { axis: number; channels: number } {
    const [axis] = resolveAxes(this.owner, this.axis, shape.length) as [number];
    const [channels] = knownDims(this.owner, shape, [axis]) as [number];
    if (channels % this.groups !== 0) {
      throw new LayerwiseError(
        `${this.owner}: groups=${this.groups} must divide the ${channels} channels of axis ${this.axis} (input ${formatShape(shape)})`,
      );
    }
    return { axis, channels };
  }

  override build(inputShape: Shape): void {
    const { channels } = this.channelAxis(inputShape);
    const s = this.settings;
    const shape = [channels];
    if (this.scale) this.gamma = this.addRegularizedWeight({ name: 'gamma', shape, initializer: s.gammaInitializer, regularizer: s.gammaRegularizer, constraint: s.gammaConstraint });
    if (this.center) this.beta = this.addRegularizedWeight({ name: 'beta', shape, initializer: s.betaInitializer, regularizer: s.betaRegularizer, constraint: s.betaConstraint });
  }

  call(x: Tensor): Tensor {
    const { axis, channels } = this.channelAxis(x.shape);
    const grouped = [...x.shape.slice(0, axis), this.groups, channels / this.groups, ...x.shape.slice(axis + 1)];
    // Reduce over everything but the batch axis and the group axis.
    const reduce = grouped.map((_, i) => i).filter((i) => i !== 0 && i !== axis);
    const broadcast = x.shape.map((d, i) => (i === axis ? d : 1));
    return tf.tidy(() => {
      const g = tf.reshape(x, grouped);
      const { mean, variance } = tf.moments(g, reduce, true);
      let y = tf.reshape(tf.mul(tf.sub(g, mean), tf.rsqrt(tf.add(variance, this.epsilon))), x.shape);
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
      groups: this.groups,
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

/** Creates a {@link GroupNormalization} layer. */
export const groupNormalization = (args: GroupNormalizationArgs = {}): GroupNormalization => new GroupNormalization(args);
