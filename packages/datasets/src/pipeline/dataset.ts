import { checkInteger, checkNumber, invalidArgument, SeededRandom } from '@layerwise/core';
import { disposeElement } from './elements.js';
import { cacheOp, prefetchOp, type CacheStore } from './ops/buffer.js';
import { fileCacheOp } from './ops/file-cache.js';
import { concatenateOp, repeatOp, shuffleOp, skipOp, takeOp } from './ops/order.js';
import { batchOp, filterOp, mapAsyncOp, mapOp, unbatchOp } from './ops/transform.js';

/** Options of {@link Dataset.shuffle}. */
export interface ShuffleOptions {
  /** Makes the order reproducible. */
  seed?: number;
  /** Draw a new order at every pass (epoch). Default true. */
  reshuffleEachIteration?: boolean;
}

/** Options of {@link Dataset.split}. */
export interface SplitOptions {
  /** Fraction of the elements that go to the second dataset, in (0, 1). */
  fraction: number;
  /** Makes the assignment reproducible; both halves must share it. Default 0. */
  seed?: number;
}

/**
 * A lazy, re-iterable stream of elements built on async iterables: every `for await` (every epoch
 * of `fit`) is a new pass over the source. Elements are usually `{ x, y }` objects of tensors, so a
 * batched dataset is a source of batches for `fit`, `evaluate` and `predict`.
 *
 * Tensor ownership: an element belongs to whoever receives it. Each step that replaces elements
 * (`map`, `batch`, `unbatch`, `filter`, `skip`, `shuffle` on early exit, ...) disposes what it
 * consumed, so a pipeline leaks nothing as long as its consumer disposes what it receives (`fit`
 * does).
 *
 * @example
 * ```ts
 * const train = fromTensors({ x, y }).shuffle(1024, { seed: 1 }).batch(64).prefetch(2);
 * await model.fit(train, { epochs: 3 });
 * ```
 */
export class Dataset<T> implements AsyncIterable<T> {
  private readonly caches: CacheStore<unknown>[];

  /**
   * @param make starts one pass over the elements.
   * @param size elements per pass, when known.
   */
  constructor(
    private readonly make: () => AsyncIterable<T>,
    readonly size: number | undefined,
    caches: CacheStore<unknown>[] = [],
  ) {
    this.caches = caches;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.make()[Symbol.asyncIterator]();
  }

  private derive<U>(make: () => AsyncIterable<U>, size: number | undefined): Dataset<U> {
    return new Dataset<U>(make, size, this.caches);
  }

  /** Transforms each element with a synchronous function (run inside `tf.tidy`). */
  map<U>(fn: (element: T) => U): Dataset<U> {
    return this.derive(() => mapOp(this, fn), this.size);
  }

  /** Transforms each element with an async function, `concurrency` at a time, order kept. */
  mapAsync<U>(fn: (element: T) => Promise<U>, options: { concurrency?: number } = {}): Dataset<U> {
    const concurrency = checkInteger('Dataset.mapAsync', 'concurrency', options.concurrency ?? 1);
    return this.derive(() => mapAsyncOp(this, fn, concurrency), this.size);
  }

  /** Keeps the elements for which `predicate` holds. */
  filter(predicate: (element: T) => boolean | Promise<boolean>): Dataset<T> {
    return this.derive(() => filterOp(this, predicate), undefined);
  }

  /** Stacks `size` consecutive elements into one (leaf by leaf). */
  batch(size: number, options: { dropRemainder?: boolean } = {}): Dataset<T> {
    checkInteger('Dataset.batch', 'size', size);
    const drop = options.dropRemainder ?? false;
    const n = this.size === undefined ? undefined : drop ? Math.floor(this.size / size) : Math.ceil(this.size / size);
    return this.derive(() => batchOp(this, size, drop) as AsyncIterable<T>, n);
  }

  /** Splits batched elements back into single elements. */
  unbatch(): Dataset<T> {
    return this.derive(() => unbatchOp(this) as AsyncIterable<T>, undefined);
  }

  /** Randomises the order through a buffer of `bufferSize` elements. */
  shuffle(bufferSize: number, options: ShuffleOptions = {}): Dataset<T> {
    checkInteger('Dataset.shuffle', 'bufferSize', bufferSize);
    const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
    const reshuffle = options.reshuffleEachIteration ?? true;
    const perPass = new SeededRandom(seed);
    return this.derive(() => shuffleOp(this, bufferSize, new SeededRandom(reshuffle ? perPass.nextSeed() : seed)), this.size);
  }

  /** The source `times` times over; forever when `times` is omitted. */
  repeat(times?: number): Dataset<T> {
    if (times !== undefined) checkInteger('Dataset.repeat', 'times', times);
    const size = times === undefined ? Infinity : this.size === undefined ? undefined : this.size * times;
    return this.derive(() => repeatOp(this, times), size);
  }

  /** The first `count` elements. */
  take(count: number): Dataset<T> {
    checkInteger('Dataset.take', 'count', count, 0);
    return this.derive(() => takeOp(this, count), this.size === undefined ? count === 0 ? 0 : undefined : Math.min(this.size, count));
  }

  /** All but the first `count` elements. */
  skip(count: number): Dataset<T> {
    checkInteger('Dataset.skip', 'count', count, 0);
    return this.derive(() => skipOp(this, count), this.size === undefined ? undefined : Math.max(0, this.size - count));
  }

  /** Prepares up to `count` elements ahead of the consumer. */
  prefetch(count = 1): Dataset<T> {
    checkInteger('Dataset.prefetch', 'count', count);
    return this.derive(() => prefetchOp(this, count), this.size);
  }

  /**
   * Keeps the first complete pass and replays it afterwards, without running the steps before
   * the cache again (decoding, resizing): in memory by default (`dispose()` frees it), or in a
   * `file` (Node), which later runs reuse too. The file is written as the first pass goes and
   * only kept once the pass is complete; delete it when the data before the cache changes.
   *
   * @example
   * ```ts
   * const images = (await imageDatasetFromDirectory('photos', { imageSize: [150, 150] })).cache({ file: 'photos-150.cache' });
   * await model.fit(images, { epochs: 10 }); // decodes in epoch 1 only
   * ```
   */
  cache(options: { file?: string } = {}): Dataset<T> {
    if (options.file !== undefined) {
      if (typeof options.file !== 'string' || options.file === '') {
        throw invalidArgument({ owner: 'Dataset.cache', argument: 'file', expected: 'a file path', received: options.file });
      }
      const file = options.file;
      return this.derive(() => fileCacheOp(this, file), this.size);
    }
    const store: CacheStore<T> = { elements: undefined };
    const derived = this.derive(() => cacheOp(this, store), this.size);
    derived.caches.push(store as CacheStore<unknown>);
    return derived;
  }

  /** This dataset's elements followed by `other`'s. */
  concatenate(other: Dataset<T>): Dataset<T> {
    const size = this.size === undefined || other.size === undefined ? undefined : this.size + other.size;
    return new Dataset<T>(() => concatenateOp(this, other), size, [...this.caches, ...other.caches]);
  }

  /**
   * Splits into `[first, second]` with `fraction` of the elements in the second (a validation
   * set), assigned by a seeded draw per element position, the same on every pass.
   */
  split(options: SplitOptions): [Dataset<T>, Dataset<T>] {
    const fraction = checkNumber('Dataset.split', 'fraction', options.fraction, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
    const seed = options.seed ?? 0;
    if (!Number.isInteger(seed)) throw invalidArgument({ owner: 'Dataset.split', argument: 'seed', expected: 'an integer', received: seed });
    const part = (second: boolean) =>
      this.derive(() => {
        const random = new SeededRandom(seed);
        return filterOp(this, () => random.next() < fraction === second);
      }, undefined);
    return [part(false), part(true)];
  }

  /** Frees what `cache()` keeps. The dataset can still be iterated (it fills the cache again). */
  dispose(): void {
    for (const store of this.caches) {
      store.elements?.forEach(disposeElement);
      store.elements = undefined;
    }
  }

  /** Reads every element into an array (the caller disposes their tensors). */
  async toArray(): Promise<T[]> {
    const out: T[] = [];
    for await (const element of this) out.push(element);
    return out;
  }
}
