import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { checkBoolean, checkNumber, checkOneOf, LayerwiseError, SeededRandom, type ConfigDict, type Shape } from '@layerwise/core';
import { Layer, type CallContext, type InputForm, type LayerArgs, type SymbolicOutput } from '../../engine/layer.js';
import type { SymbolicTensor } from '../../engine/symbolic.js';
import { ones } from '../../initializers/index.js';
import type { Mask, Masks } from '../../engine/mask.js';
import { attentionShapes, combinedScoreMask, maskedSoftmax, parseAttentionInputs, queryMasked, queryMaskOf, type AttentionCallContext, type AttentionInput } from './attention-inputs.js';

/** Arguments of {@link Attention}, with Keras' defaults. */
export interface AttentionArgs extends LayerArgs {
  /** Learn a scalar `scale` multiplying the scores. Default false. */
  useScale?: boolean;
  /** `'dot'`: `query · keyᵀ`; `'concat'`: `sum(tanh(query + key))` times a learned scalar. Default `'dot'`. */
  scoreMode?: 'dot' | 'concat';
  /** Fraction of the attention weights dropped in training, in [0, 1). Default 0. */
  dropout?: number;
  /** Makes the dropout reproducible. */
  seed?: number;
}

/**
 * Dot-product (Luong-style) attention (Keras' Attention): scores of each query step against every
 * key step, softmax over the key steps, weighted sum of the values → `[batch, queryTimesteps, valueDim]`.
 *
 * Inputs, as Keras: `apply([query, value])` or `apply([query, value, key])` (tensors or symbolic
 * tensors: the layer takes a list), or one tensor for self-attention. Masks and the causal flag come
 * in the context: `apply([q, v], { training, queryMask, valueMask, useCausalMask })`.
 * `applyWithScores` also returns the attention weights. Weights: `scale` (with `useScale`),
 * `concat_score_weight` (with `'concat'`).
 */
export class Attention extends Layer {
  static override readonly className: string = 'Attention';
  /** Masked value steps get no attention; masked query steps give zeros and keep their mask. */
  override readonly supportsMasking = true;
  readonly useScale: boolean;
  readonly scoreMode: 'dot' | 'concat';
  readonly dropout: number;
  readonly seed: number | undefined;
  private readonly random: SeededRandom | undefined;
  /** The learned scale: a scalar here, `[dim]` in AdditiveAttention. */
  protected scale: Variable | undefined;
  private concatScoreWeight: Variable | undefined;

  constructor(args: AttentionArgs = {}) {
    super(args);
    const owner = this.owner;
    this.useScale = checkBoolean(owner, 'useScale', args.useScale ?? this.defaultUseScale());
    this.scoreMode = checkOneOf(owner, 'scoreMode', args.scoreMode ?? 'dot', ['dot', 'concat'] as const);
    this.dropout = checkNumber(owner, 'dropout', args.dropout ?? 0, { min: 0, max: 1, maxExclusive: true });
    this.seed = args.seed;
    this.random = args.seed === undefined ? undefined : new SeededRandom(args.seed);
  }

  /** `Attention "attention"`: how errors name the layer. */
  protected get owner(): string {
    return `${this.className} "${this.name}"`;
  }

  /** Keras' default for `useScale`: false here, true for AdditiveAttention. */
  protected defaultUseScale(): boolean {
    return false;
  }

  /** A list `[query, value, key?]`, or one tensor for self-attention. */
  override inputForm(): InputForm {
    return 'either';
  }

  override build(inputShape: Shape | readonly Shape[]): void {
    const { query, key } = attentionShapes(inputShape, this.owner);
    if (query[2] !== key[2]) throw new LayerwiseError(`${this.owner}: query and key need the same feature size, received ${query[2]} and ${key[2]}`);
    this.buildScores(query[2]!);
  }

  /** Creates the score weights for queries of `dim` features. */
  protected buildScores(_dim: number): void {
    if (this.useScale) this.scale = this.addWeight({ name: 'scale', shape: [], initializer: ones() });
    if (this.scoreMode === 'concat') this.concatScoreWeight = this.addWeight({ name: 'concat_score_weight', shape: [], initializer: ones() });
  }

  /** The `[batch, queryTimesteps, keyTimesteps]` scores. */
  protected scores(query: Tensor, key: Tensor): Tensor {
    if (this.scoreMode === 'dot') {
      const s = tf.matMul(query, key, false, true);
      return this.scale ? tf.mul(s, this.scale) : s;
    }
    let sum: Tensor = tf.add(tf.expandDims(query, 2), tf.expandDims(key, 1));
    if (this.scale) sum = tf.mul(sum, this.scale);
    return tf.mul(this.concatScoreWeight!, tf.sum(tf.tanh(sum), -1));
  }

  /** `Layer.apply`, typed for this layer's call context (masks and the rest); see {@link Layer.apply}. */
  override apply(inputs: SymbolicTensor | readonly SymbolicTensor[]): SymbolicOutput<Tensor>;
  override apply(inputs: Tensor | readonly Tensor[], context?: AttentionCallContext): Tensor;
  override apply(inputs: SymbolicTensor | readonly SymbolicTensor[] | Tensor | readonly Tensor[], context?: AttentionCallContext): SymbolicOutput<Tensor> | Tensor {
    return super.apply(inputs as never, context);
  }

  /** Like `apply` on tensors, returning `[output, attentionWeights]` (weights `[batch, queryTimesteps, valueTimesteps]`; the caller disposes both). */
  applyWithScores(inputs: AttentionInput, context: AttentionCallContext = { training: false }): Tensor[] {
    const parsed = parseAttentionInputs(inputs, context, this.owner);
    this.ensureBuilt(inputs instanceof tf.Tensor ? inputs.shape : (inputs as Tensor[]).map((t) => t.shape));
    return this.attend(parsed, this.callContext(context) as AttentionCallContext);
  }

  private attend(parsed: ReturnType<typeof parseAttentionInputs>, context: AttentionCallContext): Tensor[] {
    if (parsed.query.shape[2] !== parsed.key.shape[2]) {
      throw new LayerwiseError(`${this.owner}: query and key need the same feature size, received ${parsed.query.shape[2]} and ${parsed.key.shape[2]}`);
    }
    const seed = context.training && this.dropout > 0 ? this.random?.nextSeed() ?? null : undefined;
    return tf.tidy(() => {
      const { query, value, key, queryMask, valueMask } = parsed;
      const [batch, tq] = query.shape as [number, number];
      const tv = value.shape[1]!;
      const mask = combinedScoreMask(batch, tq, tv, { valueMask, causal: context.useCausalMask });
      let weights = maskedSoftmax(this.scores(query, key), mask);
      const used = seed !== undefined ? tf.dropout(weights, this.dropout, undefined, seed ?? undefined) : weights;
      let output = tf.matMul(used, value);
      if (queryMask) output = tf.mul(output, tf.expandDims(tf.cast(queryMask, output.dtype), 2));
      if (queryMask) weights = tf.mul(weights, tf.expandDims(tf.cast(queryMask, weights.dtype), 2));
      return [output, weights];
    });
  }

  /** The attended values `[batch, queryTimesteps, valueDim]`. */
  call(inputs: Tensor | Tensor[], context: CallContext): Tensor {
    const [output, weights] = this.attend(parseAttentionInputs(inputs, context, this.owner), context);
    weights!.dispose();
    return output!;
  }

  /** The output keeps the query's mask. */
  override computeMask(_inputs: Tensor | Tensor[], mask?: Masks): Mask {
    return queryMaskOf(mask);
  }

  override outputMasked(inputMasked: boolean | readonly boolean[]): boolean {
    return queryMasked(inputMasked);
  }

  /** The query's shape with the value's feature size. */
  override computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    const { query, value } = attentionShapes(inputShape, this.owner);
    return [...query.slice(0, -1), value[2] ?? null];
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), use_scale: this.useScale, score_mode: this.scoreMode, dropout: this.dropout, seed: this.seed ?? null };
  }
}

/** Creates an {@link Attention} layer. */
export const attention = (args: AttentionArgs = {}): Attention => new Attention(args);
