import type { Tensor } from '@tensorflow/tfjs-core';

/**
 * The tensors on one side of a batch: one tensor, a list (one per model input or output, in order),
 * or a record keyed by input or output name (`{ image: x1, meta: x2 }`).
 */
export type BatchTensors = Tensor | readonly Tensor[] | Readonly<Record<string, Tensor>>;

/**
 * One batch of training data: what datasets yield and what `fit`, `evaluate` and `predict`
 * consume. The consumer disposes the tensors of a batch once it is done with them.
 *
 * The type parameters default to one tensor each, which is what single-input, single-output models
 * and every dataset use; a model with several inputs or outputs takes `Batch<BatchTensors, BatchTensors>`.
 */
export interface Batch<X extends BatchTensors = Tensor, Y extends BatchTensors = Tensor> {
  /** Inputs, batch first. */
  readonly x: X;
  /** Targets, batch first; absent for prediction. */
  readonly y?: Y;
  /** One weight per sample, shape `[batch]` (applied to every output). */
  readonly sampleWeight?: Tensor;
}

/** Any source of batches: a (async) iterable or generator. */
export type BatchSource<B extends Batch<BatchTensors, BatchTensors> = Batch> = Iterable<B> | AsyncIterable<B>;

/** True when `value` can be iterated for batches. */
export function isBatchSource(value: unknown): value is BatchSource<Batch<BatchTensors, BatchTensors>> {
  return (
    typeof value === 'object' &&
    value !== null &&
    (Symbol.iterator in value || Symbol.asyncIterator in value)
  );
}
