import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { formatShape, invalidArgument, LayerwiseError, type ConfigDict, type Shape } from '@layerwise/core';
import type { LayerArgs } from '../../engine/layer.js';
import { getInitializer, type InitializerIdentifier } from '../../initializers/index.js';
import { getConstraint, serializeConstraint, type ConstraintIdentifier } from '../../constraints/constraints.js';
import { RegularizedLayer } from '../../regularizers/regularized-layer.js';
import { getRegularizer, serializeRegularizer, type RegularizerIdentifier } from '../../regularizers/regularizers.js';

/** Arguments of {@link PReLU}, with Keras' defaults. */
export interface PReLUArgs extends LayerArgs {
  /** Initial slopes. Default `'zeros'`. */
  alphaInitializer?: InitializerIdentifier;
  /** Penalty on the slopes. */
  alphaRegularizer?: RegularizerIdentifier;
  /** Projection of the slopes after each update. */
  alphaConstraint?: ConstraintIdentifier;
  /** Sample axes (numbered from 1) sharing one slope, e.g. `[1, 2]` for one slope per channel of an image. */
  sharedAxes?: readonly number[];
}

/**
 * Parametric ReLU (Keras' PReLU): `x` for positive inputs, `alpha * x` otherwise, with a learned
 * `alpha` per input position (shape = the sample shape, 1 along `sharedAxes`).
 */
export class PReLU extends RegularizedLayer {
  static override readonly className = 'PReLU';
  override readonly supportsMasking = true;
  readonly sharedAxes: number[] | undefined;
  private readonly alphaInitializer;
  private readonly alphaRegularizer;
  private readonly alphaConstraint;
  private alpha: Variable | undefined;

  constructor(args: PReLUArgs = {}) {
    super(args);
    const owner = `PReLU "${this.name}"`;
    this.alphaInitializer = getInitializer(args.alphaInitializer ?? 'zeros', owner, 'alphaInitializer');
    this.alphaRegularizer = getRegularizer(args.alphaRegularizer, owner, 'alphaRegularizer');
    this.alphaConstraint = getConstraint(args.alphaConstraint, owner, 'alphaConstraint');
    if (args.sharedAxes !== undefined && args.sharedAxes !== null) {
      if (!Array.isArray(args.sharedAxes) || args.sharedAxes.some((a) => !Number.isInteger(a) || a < 1)) {
        throw invalidArgument({ owner, argument: 'sharedAxes', expected: 'a list of sample axes numbered from 1', received: args.sharedAxes });
      }
      this.sharedAxes = [...args.sharedAxes];
    } else {
      this.sharedAxes = undefined;
    }
  }

  override build(inputShape: Shape): void {
    const shape = inputShape.slice(1).map((d, i) => (this.sharedAxes?.includes(i + 1) ? 1 : d));
    if (shape.some((d) => d === null) || (this.sharedAxes ?? []).some((a) => a >= inputShape.length)) {
      throw new LayerwiseError(`PReLU "${this.name}": needs known sample dimensions and sharedAxes within them, received ${formatShape(inputShape)}`);
    }
    this.alpha = this.addRegularizedWeight({
      name: 'alpha',
      shape: shape as number[],
      initializer: this.alphaInitializer,
      regularizer: this.alphaRegularizer,
      constraint: this.alphaConstraint,
    });
  }

  call(x: Tensor): Tensor {
    // relu(x) - alpha * relu(-x), as Keras computes it.
    return tf.tidy(() => tf.sub(tf.relu(x), tf.mul(this.alpha!, tf.relu(tf.neg(x)))));
  }

  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      alpha_initializer: { class_name: this.alphaInitializer.className, config: this.alphaInitializer.getConfig() },
      alpha_regularizer: serializeRegularizer(this.alphaRegularizer),
      alpha_constraint: serializeConstraint(this.alphaConstraint),
      shared_axes: this.sharedAxes ?? null,
    };
  }
}

/** Creates a {@link PReLU} layer. */
export const prelu = (args: PReLUArgs = {}): PReLU => new PReLU(args);
