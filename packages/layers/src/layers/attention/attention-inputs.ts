import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { formatShape, invalidArgument, LayerwiseError, type Shape } from '@layerwise/core';
import { checkMask, maskList, type Mask, type Masks } from '../../engine/mask.js';
import type { CallContext } from '../../engine/layer.js';

/**
 * What the attention layers take, as Keras: a list `[query, value]` or `[query, value, key]` (`key`
 * defaults to `value`), or one tensor for self-attention (it is the query, the value and the key).
 */
export type AttentionInput = Tensor | readonly Tensor[];

/** The call context of the attention layers: masks and the causal flag, as Keras' call arguments. */
export interface AttentionCallContext extends CallContext {
  /** Boolean `[batch, queryTimesteps]`: false for padded query steps. Default: the query's mask in `mask` (its first entry for a list). */
  readonly queryMask?: Tensor | undefined;
  /** Boolean `[batch, valueTimesteps]`: false for padded value (and key) steps. Default: the value's mask in `mask` (the single input's for self-attention). */
  readonly valueMask?: Tensor | undefined;
  /** Mask step `i` of the query from value steps after `i` (decoder self-attention). Default false. */
  readonly useCausalMask?: boolean | undefined;
}

/** The parsed inputs. */
export interface ParsedAttentionInputs {
  readonly query: Tensor;
  readonly value: Tensor;
  readonly key: Tensor;
  readonly queryMask: Tensor | undefined;
  readonly valueMask: Tensor | undefined;
}

/** Reads any {@link AttentionInput} form and its masks; `owner` names the layer in errors. */
export function parseAttentionInputs(inputs: AttentionInput, context: AttentionCallContext, owner: string): ParsedAttentionInputs {
  let query: Tensor | undefined;
  let value: Tensor | undefined;
  let key: Tensor | undefined;
  const single = inputs instanceof tf.Tensor;
  if (single) {
    query = value = key = inputs;
  } else if (Array.isArray(inputs)) {
    if (inputs.length < 2 || inputs.length > 3) {
      throw invalidArgument({ owner, argument: 'inputs', expected: 'one tensor, [query, value] or [query, value, key]', received: `a list of ${inputs.length}` });
    }
    [query, value, key] = inputs as Tensor[];
  }
  if (!(query instanceof tf.Tensor) || !(value instanceof tf.Tensor) || (key !== undefined && !(key instanceof tf.Tensor))) {
    throw invalidArgument({ owner, argument: 'inputs', expected: 'one tensor, [query, value] or [query, value, key]', received: typeof inputs });
  }
  key ??= value;
  if (query.rank !== 3 || value.rank !== 3 || key.rank !== 3 || value.shape[0] !== query.shape[0] || key.shape[0] !== query.shape[0] || key.shape[1] !== value.shape[1]) {
    throw new LayerwiseError(
      `${owner}: needs query, value and key of shape [batch, timesteps, features] with the same batch and key steps = value steps; received query ${formatShape(query.shape)}, value ${formatShape(value.shape)}, key ${formatShape(key.shape)}`,
    );
  }
  // The masks of the inputs (filled by models): the query's, then the value's (or the key's).
  const masks = maskList(context.mask);
  const queryMask = context.queryMask ?? masks[0];
  const valueMask = context.valueMask ?? (single ? masks[0] : (masks[1] ?? masks[2]));
  if (queryMask) checkMask(queryMask, query.shape, owner, 'queryMask');
  if (valueMask) checkMask(valueMask, value.shape, owner, 'valueMask');
  return { query, value, key, queryMask, valueMask };
}

/** The mask of an attention layer's output: the query's (the first input's, or the single input's). */
export function queryMaskOf(mask: Masks | undefined): Mask {
  return maskList(mask)[0];
}

/** Whether an attention layer's output is masked: when its query is. */
export function queryMasked(inputMasked: boolean | readonly boolean[]): boolean {
  return typeof inputMasked === 'boolean' ? inputMasked : (inputMasked[0] ?? false);
}

/**
 * The boolean `[batch, queryTimesteps, valueTimesteps]` mask of allowed query-value pairs from the
 * value mask, the causal flag and an explicit attention mask, or `undefined` when nothing is masked.
 * Call inside `tf.tidy`.
 */
export function combinedScoreMask(
  batch: number,
  queryLength: number,
  valueLength: number,
  options: { queryMask?: Tensor | undefined; valueMask?: Tensor | undefined; causal?: boolean | undefined; attentionMask?: Tensor | undefined },
): Tensor | undefined {
  const parts: Tensor[] = [];
  const bool = (t: Tensor) => (t.dtype === 'bool' ? t : tf.cast(t, 'bool'));
  if (options.queryMask) parts.push(tf.expandDims(bool(options.queryMask), 2));
  if (options.valueMask) parts.push(tf.expandDims(bool(options.valueMask), 1));
  if (options.causal) {
    const rows = tf.reshape(tf.range(0, queryLength, 1, 'int32'), [queryLength, 1]);
    const cols = tf.reshape(tf.range(0, valueLength, 1, 'int32'), [1, valueLength]);
    parts.push(tf.expandDims(tf.greaterEqual(rows, cols), 0));
  }
  if (options.attentionMask) parts.push(bool(options.attentionMask));
  if (parts.length === 0) return undefined;
  const full = tf.zeros([batch, queryLength, valueLength], 'bool');
  return parts.reduce((acc, m) => tf.logicalAnd(acc, m), tf.logicalNot(full));
}

/** Softmax over the last axis where `mask` is true; masked positions get a large negative score first, as Keras. */
export function maskedSoftmax(scores: Tensor, mask: Tensor | undefined): Tensor {
  if (!mask) return tf.softmax(scores);
  return tf.softmax(tf.add(scores, tf.mul(tf.sub(1, tf.cast(mask, scores.dtype)), -1e9)));
}

/** The query, value and key shapes of an input shape (one shape for self-attention, or a list), checked. */
export function attentionShapes(inputShape: Shape | readonly Shape[], owner: string): { query: Shape; value: Shape; key: Shape } {
  const list = inputShape.length > 0 && Array.isArray(inputShape[0]);
  const shapes = (list ? inputShape : [inputShape, inputShape]) as readonly Shape[];
  if (shapes.length < 2 || shapes.length > 3) {
    throw invalidArgument({ owner, argument: 'inputs', expected: 'one tensor, [query, value] or [query, value, key]', received: `a list of ${shapes.length}` });
  }
  const [query, value, key = value] = shapes as [Shape, Shape, Shape?];
  for (const [name, shape] of [['query', query], ['value', value], ['key', key]] as const) {
    if (shape.length !== 3 || shape[2] == null) {
      throw new LayerwiseError(`${owner}: needs a ${name} of shape [batch, timesteps, features] with known features, received ${formatShape(shape)}`);
    }
  }
  return { query, value, key };
}
