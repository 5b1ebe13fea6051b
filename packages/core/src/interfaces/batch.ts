import type { Tensor } from '@tensorflow/tfjs-core';

/**
 * One batch of training data: what datasets yield and what `fit`, `evaluate` and `predict`
 * consume. The consumer disposes the tensors of a batch once it is done with them.
 */
export interface Batch {
  /** Inputs, batch first. */
  readonly x: Tensor;
  /** Targets, batch first; absent for prediction. */
  readonly y?: Tensor;
  /** One weight per sample, shape `[batch]`. */
  readonly sampleWeight?: Tensor;
}

/** Any source of batches: a (async) iterable or generator. */
export type BatchSource = Iterable<Batch> | AsyncIterable<Batch>;

/** True when `value` can be iterated for batches. */
export function isBatchSource(value: unknown): value is BatchSource {
  return (
    typeof value === 'object' &&
    value !== null &&
    (Symbol.iterator in value || Symbol.asyncIterator in value)
  );
}
