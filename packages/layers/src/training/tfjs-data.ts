import type { BatchTensors } from '@layerwise/core';
import type { BatchStream, ModelBatch } from './data.js';
import { declaredSize } from './source-kind.js';

/** What a `@tensorflow/tfjs-data` Dataset offers: `iterator()` resolving to a lazy iterator. */
export interface TfjsDataset {
  iterator(): Promise<{ next(): Promise<IteratorResult<unknown, unknown>> }>;
  /** Elements (batches, once batched) per pass: `Infinity` once repeated, null when unknown. */
  readonly size?: number | null;
}

/** Whether `value` looks like a tfjs-data Dataset (an `iterator()` method and no JavaScript iteration protocol). */
export function isTfjsDataset(value: unknown): value is TfjsDataset {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as TfjsDataset).iterator === 'function' &&
    !(Symbol.asyncIterator in value) &&
    !(Symbol.iterator in value)
  );
}

/**
 * Batches from a tfjs-data Dataset, as tfjs-layers' `fitDataset` takes them: elements `{ xs, ys }`
 * (or `{ x, y }`), each a tensor or a list or record of them. Each pass asks the dataset for a
 * fresh iterator.
 */
export function tfjsDatasetBatches(dataset: TfjsDataset): BatchStream {
  return {
    steps: declaredSize(dataset),
    samples: undefined,
    batchSize: undefined,
    passes: 'many',
    async *pass() {
      const iterator = await dataset.iterator();
      for (;;) {
        const result = await iterator.next();
        if (result.done) return;
        const value = result.value;
        const element = value as { xs?: BatchTensors; ys?: BatchTensors; x?: BatchTensors; y?: BatchTensors };
        const x = element.xs ?? element.x;
        const y = element.ys ?? element.y;
        yield { x: x!, ...(y === undefined ? {} : { y }) } as ModelBatch;
      }
    },
  };
}
