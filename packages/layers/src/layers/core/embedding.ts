import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { checkBoolean, checkInteger, type ConfigDict, type Shape } from '@layerwise/core';
import type { LayerArgs } from '../../engine/layer.js';
import { getInitializer, type InitializerIdentifier } from '../../initializers/index.js';
import { getConstraint, serializeConstraint, type ConstraintIdentifier } from '../../constraints/constraints.js';
import { RegularizedLayer } from '../../regularizers/regularized-layer.js';
import { getRegularizer, serializeRegularizer, type RegularizerIdentifier } from '../../regularizers/regularizers.js';
import type { Masks } from '../../engine/mask.js';

/** Arguments of {@link Embedding}, with Keras' defaults. */
export interface EmbeddingArgs extends LayerArgs {
  /** Size of the vocabulary: indices run from 0 to `inputDim - 1`. */
  inputDim: number;
  /** Size of each embedding vector. */
  outputDim: number;
  /** Default `'uniform'` (RandomUniform in ±0.05), as Keras. */
  embeddingsInitializer?: InitializerIdentifier;
  /** Penalty on the embedding matrix. */
  embeddingsRegularizer?: RegularizerIdentifier;
  /** Penalty on the output. */
  activityRegularizer?: RegularizerIdentifier;
  /** Projection of the embedding matrix after each update. */
  embeddingsConstraint?: ConstraintIdentifier;
  /** Treat index 0 as padding: `computeMask` marks it false (so index 0 should not be a real token). Default false. */
  maskZero?: boolean;
}

/**
 * Turns integer indices into dense vectors (Keras' Embedding): `[batch, ...]` indices →
 * `[batch, ..., outputDim]`, one row of the `embeddings` matrix `[inputDim, outputDim]` each.
 * With `maskZero`, `computeMask` gives the mask of non-zero indices, which models pass on to the
 * next layers (recurrent layers skip the padded steps).
 */
export class Embedding extends RegularizedLayer {
  static override readonly className = 'Embedding';
  readonly inputDim: number;
  readonly outputDim: number;
  readonly maskZero: boolean;
  private readonly embeddingsInitializer;
  private readonly embeddingsRegularizer;
  private readonly activityRegularizer;
  private readonly embeddingsConstraint;
  private embeddings: Variable | undefined;

  constructor(args: EmbeddingArgs) {
    super(args);
    const owner = `Embedding "${this.name}"`;
    this.inputDim = checkInteger(owner, 'inputDim', args.inputDim);
    this.outputDim = checkInteger(owner, 'outputDim', args.outputDim);
    this.maskZero = checkBoolean(owner, 'maskZero', args.maskZero ?? false);
    this.embeddingsInitializer = getInitializer(args.embeddingsInitializer ?? 'uniform', owner, 'embeddingsInitializer');
    this.embeddingsRegularizer = getRegularizer(args.embeddingsRegularizer, owner, 'embeddingsRegularizer');
    this.activityRegularizer = getRegularizer(args.activityRegularizer, owner, 'activityRegularizer');
    this.embeddingsConstraint = getConstraint(args.embeddingsConstraint, owner, 'embeddingsConstraint');
  }

  override build(): void {
    this.embeddings = this.addRegularizedWeight({
      name: 'embeddings',
      shape: [this.inputDim, this.outputDim],
      initializer: this.embeddingsInitializer,
      regularizer: this.embeddingsRegularizer,
      constraint: this.embeddingsConstraint,
    });
  }

  /** As the base, but once built any index shape fits: the weights depend on `inputDim` alone. */
  override ensureBuilt(inputShape: Shape): void {
    if (!this.built) super.ensureBuilt(inputShape);
  }

  call(x: Tensor): Tensor {
    const y = tf.tidy(() => {
      const ids = x.dtype === 'int32' ? x : tf.cast(x, 'int32');
      const flat = tf.gather(this.embeddings!, tf.reshape(ids, [-1]));
      return tf.reshape(flat, [...x.shape, this.outputDim]);
    });
    this.recordActivity(this.activityRegularizer, y);
    return y;
  }

  /** With `maskZero`, boolean (same shape as the indices): true where the index is not 0; else undefined. */
  override computeMask(x: Tensor | Tensor[], mask?: Masks): Tensor | undefined {
    super.computeMask(x, mask);
    return this.maskZero ? tf.notEqual(x as Tensor, 0) : undefined;
  }

  override outputMasked(): boolean {
    return this.maskZero;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape, this.outputDim];
  }

  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      input_dim: this.inputDim,
      output_dim: this.outputDim,
      embeddings_initializer: { class_name: this.embeddingsInitializer.className, config: this.embeddingsInitializer.getConfig() },
      embeddings_regularizer: serializeRegularizer(this.embeddingsRegularizer),
      activity_regularizer: serializeRegularizer(this.activityRegularizer),
      embeddings_constraint: serializeConstraint(this.embeddingsConstraint),
      mask_zero: this.maskZero,
    };
  }
}

/** Creates an {@link Embedding} layer. */
export const embedding = (args: EmbeddingArgs): Embedding => new Embedding(args);
