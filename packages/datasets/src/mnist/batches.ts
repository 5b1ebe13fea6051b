import type { Batch } from '@layerwise/core';
import { checkInteger, invalidArgument, SeededRandom } from '@layerwise/core';
import { encodeItems, resolveCount, resolveEncodeOptions, type EncodeOptions } from './encode.js';
import { checkSplit, type MnistSplit } from './split.js';

/** Options of {@link toBatches}. */
export interface ToBatchesOptions extends EncodeOptions {
  /** Items per batch. Default 32. */
  readonly batchSize?: number;
  /** Visit the items in a new random order on every pass. Default false. */
  readonly shuffle?: boolean;
  /** Seed of the shuffling: the same seed gives the same orders, pass after pass. Default random. */
  readonly seed?: number;
  /** Leave out the last batch when it is smaller than `batchSize`. Default false. */
  readonly dropRemainder?: boolean;
  /** Use only the first `count` items. Default: all. */
  readonly count?: number;
}

/** Batches over a split: iterate it (once per epoch) for `Batch`es `{ x, y }`. */
export interface MnistBatches extends AsyncIterable<Batch> {
  /** Items per pass. */
  readonly sampleCount: number;
  /** Batches per pass. */
  readonly batchCount: number;
}

/**
 * Batches of a split, as core `Batch`es (`x` images and `y` labels, encoded as by `toTensors`).
 * Every iteration is one pass over the items (reshuffled each pass when `shuffle`). A batch's
 * tensors are created only when it is reached, and the consumer disposes them (`fit` does).
 *
 * @example
 * ```ts
 * const { train } = await loadMnist();
 * for await (const { x, y } of toBatches(train, { batchSize: 128, shuffle: true, seed: 1 })) {
 *   // ... use x [128, 28, 28, 1] and y [128] ...
 *   tf.dispose([x, y]);
 * }
 * ```
 */
export function toBatches(split: MnistSplit, options: ToBatchesOptions = {}): MnistBatches {
  const owner = 'toBatches';
  checkSplit(owner, split);
  const encode = resolveEncodeOptions(owner, options);
  const sampleCount = resolveCount(owner, split, options.count);
  const batchSize = checkInteger(owner, 'batchSize', options.batchSize ?? 32);
  const { shuffle = false, dropRemainder = false, seed } = options;
  if (typeof shuffle !== 'boolean') throw invalidArgument({ owner, argument: 'shuffle', expected: 'a boolean', received: shuffle });
  if (typeof dropRemainder !== 'boolean') {
    throw invalidArgument({ owner, argument: 'dropRemainder', expected: 'a boolean', received: dropRemainder });
  }
  if (seed !== undefined && !Number.isInteger(seed)) throw invalidArgument({ owner, argument: 'seed', expected: 'an integer', received: seed });
  const random = new SeededRandom(seed);
  const batchCount = dropRemainder ? Math.floor(sampleCount / batchSize) : Math.ceil(sampleCount / batchSize);

  return {
    sampleCount,
    batchCount,
    async *[Symbol.asyncIterator](): AsyncGenerator<Batch, void, undefined> {
      const order = shuffle ? random.permutation(sampleCount) : undefined;
      for (let b = 0; b < batchCount; b++) {
        const start = b * batchSize;
        const count = Math.min(batchSize, sampleCount - start);
        const indexAt = order ? (i: number) => order[start + i]! : (i: number) => start + i;
        yield encodeItems(split, { count, indexAt }, encode);
      }
    },
  };
}
