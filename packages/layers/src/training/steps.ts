import type { BatchStream, ModelBatch } from './data.js';

/** A stream cut into epochs of a fixed number of steps, and whether its data ran out. */
export interface StepsStream extends BatchStream {
  /** True once the data could not fill an epoch: a fresh pass over it yielded nothing. */
  readonly exhausted: boolean;
  /** Ends the pass left open between epochs. */
  close(): Promise<void>;
}

/**
 * Keras' `steps_per_epoch`: each pass yields `steps` batches, continuing where the previous one
 * stopped and starting a new pass over the data when it ends (a repeated dataset, tensors reshuffled
 * at every pass); when a new pass yields nothing (a one-shot generator that ran out) the epoch ends
 * early and {@link StepsStream.exhausted} turns true.
 */
export function stepsPerEpochStream(stream: BatchStream, steps: number): StepsStream {
  let iterator: AsyncIterator<ModelBatch> | undefined;
  let passes = 0;
  let exhausted = false;
  return {
    steps,
    samples: undefined,
    batchSize: stream.batchSize,
    get exhausted() {
      return exhausted;
    },
    async *pass() {
      let given = 0;
      while (given < steps) {
        const fresh = iterator === undefined;
        iterator ??= stream.pass(passes++)[Symbol.asyncIterator]();
        const next = await iterator.next();
        if (next.done) {
          iterator = undefined;
          if (fresh) {
            exhausted = true;
            return;
          }
          continue;
        }
        given++;
        yield next.value;
      }
    },
    async close() {
      await iterator?.return?.();
      iterator = undefined;
    },
  };
}

/** Keras' `validation_steps`: every pass yields the first `steps` batches of a fresh pass over the data. */
export function firstSteps(stream: BatchStream, steps: number): BatchStream {
  return {
    steps,
    samples: undefined,
    batchSize: stream.batchSize,
    async *pass(epoch?: number) {
      if (steps <= 0) return;
      let given = 0;
      for await (const batch of stream.pass(epoch)) {
        yield batch;
        if (++given >= steps) return;
      }
    },
  };
}
