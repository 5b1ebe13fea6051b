import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { checkBoolean, checkInteger, checkNumber, formatShape, invalidArgument, LayerwiseError, SeededRandom, type ConfigDict, type Shape } from '@layerwise/core';
import { getConstraint, serializeConstraint, type ConstraintIdentifier } from '../../constraints/constraints.js';
import type { CallContext, InputForm, LayerArgs, SymbolicOutput } from '../../engine/layer.js';
import type { SymbolicTensor } from '../../engine/symbolic.js';
import { getInitializer, type InitializerIdentifier } from '../../initializers/index.js';
import { RegularizedLayer } from '../../regularizers/regularized-layer.js';
import { getRegularizer, serializeRegularizer, type RegularizerIdentifier } from '../../regularizers/regularizers.js';
import type { Mask, Masks } from '../../engine/mask.js';
import { queryMasked, queryMaskOf, attentionShapes, combinedScoreMask, maskedSoftmax, parseAttentionInputs, type AttentionCallContext, type AttentionInput } from './attention-inputs.js';

/** Arguments of {@link MultiHeadAttention}, with Keras' defaults. */
export interface MultiHeadAttentionArgs extends LayerArgs {
  /** Number of attention heads. */
  numHeads: number;
  /** Size of each head for query and key. */
  keyDim: number;
  /** Size of each head for the value. Default `keyDim`. */
  valueDim?: number;
  /** Fraction of the attention weights dropped in training, in [0, 1). Default 0. */
  dropout?: number;
  /** Whether the projections have biases. Default true. */
  useBias?: boolean;
  /** Size of the output features; default the query's feature size. */
  outputShape?: number | readonly [number];
  /** Default `'glorotUniform'`. */
  kernelInitializer?: InitializerIdentifier;
  /** Default `'zeros'`. */
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier;
  biasRegularizer?: RegularizerIdentifier;
  /** Penalty on the layer's output. */
  activityRegularizer?: RegularizerIdentifier;
  kernelConstraint?: ConstraintIdentifier;
  biasConstraint?: ConstraintIdentifier;
  /** Makes the dropout reproducible. */
  seed?: number;
}

/** The call context of {@link MultiHeadAttention}: the attention layers' masks, plus an explicit attention mask. */
export interface MultiHeadAttentionCallContext extends AttentionCallContext {
  /** Boolean `[batch, queryTimesteps, valueTimesteps]`: which value steps each query step may attend to. */
  readonly attentionMask?: Tensor | undefined;
}

/**
 * Multi-head attention (Keras' MultiHeadAttention, as in "Attention Is All You Need"): the query,
 * key and value are projected per head, scaled dot-product attention runs in each head, and the
 * heads' outputs are projected back to `outputShape` features. Weights in Keras' shapes and order:
 * query kernel `[queryDim, numHeads, keyDim]` and bias `[numHeads, keyDim]`, key kernel and bias,
 * value kernel `[valueInputDim, numHeads, valueDim]` and bias, output kernel
 * `[numHeads, valueDim, outputDim]` and bias `[outputDim]`.
 *
 * Inputs `[batch, timesteps, features]` (Keras' `attention_axes` over other axes is not offered):
 * `apply([query, value])` or `apply([query, value, key])` (tensors or symbolic tensors), or one
 * tensor for self-attention; masks in the context (`queryMask`, `valueMask`, `attentionMask`,
 * `useCausalMask`). `applyWithScores` also returns the weights `[batch, numHeads, queryTimesteps, valueTimesteps]`.
 *
 * @example
 * ```ts
 * const mha = multiHeadAttention({ numHeads: 4, keyDim: 16 });
 * const y = mha.apply([target, source], { training: false, useCausalMask: false });
 * ```
 */
export class MultiHeadAttention extends RegularizedLayer {
  static override readonly className = 'MultiHeadAttention';
  /** The query's and value's masks (from `mask`, or `queryMask`/`valueMask`) restrict the attention; the output keeps the query's. */
  override readonly supportsMasking = true;
  readonly numHeads: number;
  readonly keyDim: number;
  readonly valueDim: number;
  readonly dropout: number;
  readonly useBias: boolean;
  readonly outputDim: number | undefined;
  readonly seed: number | undefined;
  private readonly settings;
  private readonly random: SeededRandom | undefined;
  private builtDims: { query: number; value: number; key: number } | undefined;
  private w: Record<'q' | 'k' | 'v' | 'o', { kernel: Variable; bias: Variable | undefined }> | undefined;

  constructor(args: MultiHeadAttentionArgs) {
    super(args);
    const owner = this.owner;
    this.numHeads = checkInteger(owner, 'numHeads', args.numHeads);
    this.keyDim = checkInteger(owner, 'keyDim', args.keyDim);
    this.valueDim = checkInteger(owner, 'valueDim', args.valueDim ?? this.keyDim);
    this.dropout = checkNumber(owner, 'dropout', args.dropout ?? 0, { min: 0, max: 1, maxExclusive: true });
    this.useBias = checkBoolean(owner, 'useBias', args.useBias ?? true);
    const out = Array.isArray(args.outputShape) && args.outputShape.length === 1 ? args.outputShape[0] : args.outputShape;
    if (out !== undefined && out !== null && (typeof out !== 'number' || !Number.isInteger(out) || out < 1)) {
      throw invalidArgument({ owner, argument: 'outputShape', expected: 'a positive integer (the output feature size)', received: args.outputShape });
    }
    this.outputDim = (out ?? undefined) as number | undefined;
    this.settings = {
      kernelInitializer: getInitializer(args.kernelInitializer ?? 'glorotUniform', owner, 'kernelInitializer'),
      biasInitializer: getInitializer(args.biasInitializer ?? 'zeros', owner, 'biasInitializer'),
      kernelRegularizer: getRegularizer(args.kernelRegularizer, owner, 'kernelRegularizer'),
      biasRegularizer: getRegularizer(args.biasRegularizer, owner, 'biasRegularizer'),
      activityRegularizer: getRegularizer(args.activityRegularizer, owner, 'activityRegularizer'),
      kernelConstraint: getConstraint(args.kernelConstraint, owner, 'kernelConstraint'),
      biasConstraint: getConstraint(args.biasConstraint, owner, 'biasConstraint'),
    };
    this.seed = args.seed;
    this.random = args.seed === undefined ? undefined : new SeededRandom(args.seed);
  }

  private get owner(): string {
    return `MultiHeadAttention "${this.name}"`;
  }

  /** A list `[query, value, key?]`, or one tensor for self-attention. */
  override inputForm(): InputForm {
    return 'either';
  }

  override build(inputShape: Shape | readonly Shape[]): void {
    const shapes = attentionShapes(inputShape, this.owner);
    const dims = { query: shapes.query[2]!, value: shapes.value[2]!, key: shapes.key[2]! };
    const s = this.settings;
    const dense = (name: string, kernelShape: number[], biasShape: number[]) => ({
      kernel: this.addRegularizedWeight({ name: `${name}/kernel`, shape: kernelShape, initializer: s.kernelInitializer, regularizer: s.kernelRegularizer, constraint: s.kernelConstraint }),
      bias: this.useBias ? this.addRegularizedWeight({ name: `${name}/bias`, shape: biasShape, initializer: s.biasInitializer, regularizer: s.biasRegularizer, constraint: s.biasConstraint }) : undefined,
    });
    const h = this.numHeads;
    const q = dense('query', [dims.query, h, this.keyDim], [h, this.keyDim]);
    const k = dense('key', [dims.key, h, this.keyDim], [h, this.keyDim]);
    const v = dense('value', [dims.value, h, this.valueDim], [h, this.valueDim]);
    const outDim = this.outputDim ?? dims.query;
    const o = dense('attention_output', [h, this.valueDim, outDim], [outDim]);
    this.w = { q, k, v, o };
    this.builtDims = { query: dims.query, value: dims.value, key: dims.key };
  }

  /** `[batch, steps, dim]` → `[batch, heads, steps, headDim]`. */
  private project(x: Tensor, which: { kernel: Variable; bias: Variable | undefined }, headDim: number): Tensor {
    const [batch, steps, dim] = x.shape as [number, number, number];
    let y = tf.matMul(tf.reshape(x, [batch * steps, dim]), tf.reshape(which.kernel, [dim, this.numHeads * headDim]));
    if (which.bias) y = tf.add(y, tf.reshape(which.bias, [-1]));
    return tf.transpose(tf.reshape(y, [batch, steps, this.numHeads, headDim]), [0, 2, 1, 3]);
  }

  /** `Layer.apply`, typed for this layer's call context (masks and the rest); see {@link Layer.apply}. */
  override apply(inputs: SymbolicTensor | readonly SymbolicTensor[]): SymbolicOutput<Tensor>;
  override apply(inputs: Tensor | readonly Tensor[], context?: MultiHeadAttentionCallContext): Tensor;
  override apply(inputs: SymbolicTensor | readonly SymbolicTensor[] | Tensor | readonly Tensor[], context?: MultiHeadAttentionCallContext): SymbolicOutput<Tensor> | Tensor {
    return super.apply(inputs as never, context);
  }

  /** Like `apply` on tensors, returning `[output, attentionWeights]` (weights `[batch, numHeads, queryTimesteps, valueTimesteps]`; the caller disposes both). */
  applyWithScores(inputs: AttentionInput, context: MultiHeadAttentionCallContext = { training: false }): Tensor[] {
    const parsed = parseAttentionInputs(inputs, context, this.owner);
    this.ensureBuilt(inputs instanceof tf.Tensor ? inputs.shape : (inputs as Tensor[]).map((t) => t.shape));
    return this.attend(parsed, this.callContext(context) as MultiHeadAttentionCallContext);
  }

  private attend(parsed: ReturnType<typeof parseAttentionInputs>, context: MultiHeadAttentionCallContext): Tensor[] {
    const { query, value, key, queryMask, valueMask } = parsed;
    const dims = this.builtDims!;
    if (value.shape[2] !== dims.value || key.shape[2] !== dims.key) {
      throw new LayerwiseError(
        `${this.owner}: was built for value features ${dims.value} and key features ${dims.key}, received value ${formatShape(value.shape)} and key ${formatShape(key.shape)}`,
      );
    }
    const seed = context.training && this.dropout > 0 ? this.random?.nextSeed() ?? null : undefined;
    const [output, scores] = tf.tidy(() => {
      const w = this.w!;
      const [batch, tq] = query.shape as [number, number];
      const tv = value.shape[1]!;
      const q = tf.mul(this.project(query, w.q, this.keyDim), 1 / Math.sqrt(this.keyDim));
      const k = this.project(key, w.k, this.keyDim);
      const v = this.project(value, w.v, this.valueDim);
      const mask = combinedScoreMask(batch, tq, tv, { queryMask, valueMask, causal: context.useCausalMask, attentionMask: context.attentionMask });
      const weights = maskedSoftmax(tf.matMul(q, k, false, true), mask ? tf.expandDims(mask, 1) : undefined);
      const used = seed !== undefined ? tf.dropout(weights, this.dropout, undefined, seed ?? undefined) : weights;
      const heads = tf.transpose(tf.matMul(used, v), [0, 2, 1, 3]);
      const outDim = w.o.kernel.shape[2]!;
      let y = tf.matMul(tf.reshape(heads, [batch * tq, this.numHeads * this.valueDim]), tf.reshape(w.o.kernel, [this.numHeads * this.valueDim, outDim]));
      if (w.o.bias) y = tf.add(y, w.o.bias);
      return [tf.reshape(y, [batch, tq, outDim]), weights];
    });
    this.recordActivity(this.settings.activityRegularizer, output!);
    return [output!, scores!];
  }

  /** The attention output `[batch, queryTimesteps, outputDim]`. */
  call(inputs: Tensor | Tensor[], context: CallContext): Tensor {
    const [output, scores] = this.attend(parseAttentionInputs(inputs, context, this.owner), context);
    scores!.dispose();
    return output!;
  }

  /** The output keeps the query's mask. */
  override computeMask(_inputs: Tensor | Tensor[], mask?: Masks): Mask {
    return queryMaskOf(mask);
  }

  override outputMasked(inputMasked: boolean | readonly boolean[]): boolean {
    return queryMasked(inputMasked);
  }

  override computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    const { query } = attentionShapes(inputShape, this.owner);
    return [...query.slice(0, -1), this.outputDim ?? query[2] ?? null];
  }

  override getConfig(): ConfigDict {
    const s = this.settings;
    const init = (i: typeof s.kernelInitializer) => ({ class_name: i.className, config: i.getConfig() });
    return {
      ...super.getConfig(),
      num_heads: this.numHeads,
      key_dim: this.keyDim,
      value_dim: this.valueDim,
      dropout: this.dropout,
      use_bias: this.useBias,
      output_shape: this.outputDim ?? null,
      kernel_initializer: init(s.kernelInitializer),
      bias_initializer: init(s.biasInitializer),
      kernel_regularizer: serializeRegularizer(s.kernelRegularizer),
      bias_regularizer: serializeRegularizer(s.biasRegularizer),
      activity_regularizer: serializeRegularizer(s.activityRegularizer),
      kernel_constraint: serializeConstraint(s.kernelConstraint),
      bias_constraint: serializeConstraint(s.biasConstraint),
      seed: this.seed ?? null,
    };
  }
}

/** Creates a {@link MultiHeadAttention} layer. */
export const multiHeadAttention = (args: MultiHeadAttentionArgs): MultiHeadAttention => new MultiHeadAttention(args);
