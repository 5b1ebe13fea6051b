import { checkInteger, LayerwiseError } from '@layerwise/core';
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
    passes: 'many',
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

/**
 * Keras' `validation_steps` (and evaluate's `steps`): every pass yields the first `steps` batches of
 * a fresh pass over the data; a one-shot iterator, which has no fresh pass, gives its next `steps`
 * batches each time (and is left open between passes: `close` ends it).
 */
export function firstSteps(stream: BatchStream, steps: number): BatchStream & { close(): Promise<void> } {
  if (stream.passes === 'one') return stepsPerEpochStream(stream, steps);
  return {
    steps,
    samples: undefined,
    batchSize: stream.batchSize,
    passes: stream.passes,
    async *pass(epoch?: number) {
      let given = 0;
      for await (const batch of stream.pass(epoch)) {
        yield batch;
        if (++given >= steps) return;
      }
    },
    async close() {},
  };
}

/**
 * Throws unless a step count is given where the data need one: a source that repeats forever
 * (`size` Infinity) always; a one-shot iterator (a generator object, which may never end and
 * serves a single pass) when `needs` is `'every pass'` (fit's epochs, repeated validation), as
 * Keras 2 required `steps_per_epoch` and `validation_steps` for generators.
 */
export function checkStepsGiven(
  owner: string,
  data: string,
  stream: BatchStream,
  argument: string,
  steps: number | undefined,
  needs: 'every pass' | 'endless only',
): void {
  if (steps !== undefined) return;
  if (stream.steps === Infinity) {
    throw new LayerwiseError(
      `${owner}: ${data} repeats forever (its size is Infinity), so \`${argument}\` must say how many batches to take. Received: ${argument}=undefined`,
    );
  }
  if (needs === 'every pass' && stream.passes === 'one') {
    throw new LayerwiseError(
      `${owner}: ${data} is a one-shot iterator (a generator object): it may never end and serves a single pass, so ` +
        `\`${argument}\` must say how many batches to take each time (Keras' steps_per_epoch / validation_steps); or pass a ` +
        `re-iterable source (an array of batches, a Dataset, an object whose [Symbol.iterator]() starts a new generator). Received: ${argument}=undefined`,
    );
  }
}

/**
 * One pass of evaluate or predict: the first `steps` batches when given (checked to be a positive
 * integer), else the whole pass, which a dataset that repeats forever cannot give.
 */
export function limitSteps(owner: string, stream: BatchStream, steps: number | undefined): BatchStream {
  if (steps === undefined) {
    checkStepsGiven(owner, 'the data', stream, 'steps', undefined, 'endless only');
    return stream;
  }
  return firstSteps(stream, checkInteger(owner, 'steps', steps));
}
