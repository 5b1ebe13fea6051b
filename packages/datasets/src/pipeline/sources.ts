import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { formatShape, LayerwiseError } from '@layerwise/core';
import { Dataset } from './dataset.js';
import { mapStructure, tensorsIn, type Element } from './elements.js';

/**
 * A dataset of the samples of tensors: element `i` holds row `i` of each tensor (a tensor, an
 * array or an object of tensors with the same first dimension). The tensors stay the caller's.
 *
 * @example
 * ```ts
 * const ds = fromTensors({ x: images, y: labels }).shuffle(1000, { seed: 1 }).batch(32);
 * await model.fit(ds, { epochs: 5 });
 * ```
 */
export function fromTensors<T extends Element>(tensors: T): Dataset<T> {
  const all = tensorsIn(tensors);
  if (all.length === 0) throw new LayerwiseError('fromTensors: received no tensors');
  const n = all[0]!.shape[0];
  for (const t of all) {
    if (t.rank === 0 || t.shape[0] !== n) {
      throw new LayerwiseError(
        `fromTensors: every tensor needs the same first dimension; received shapes ${all.map((x) => formatShape(x.shape)).join(', ')}`,
      );
    }
  }
  const count = n ?? 0;
  return new Dataset<T>(async function* () {
    for (let i = 0; i < count; i++) {
      yield mapStructure([tensors], ([t]) => (t instanceof tf.Tensor ? tf.tidy(() => tf.squeeze(tf.slice(t as Tensor, i, 1), [0])) : t)) as T;
    }
  }, count);
}

/** A dataset of the items of an array, as they are (convert them with `map` or `batch`). */
export function fromArrays<T>(items: readonly T[]): Dataset<T> {
  if (!Array.isArray(items)) throw new LayerwiseError(`fromArrays: expected an array, received ${Object.prototype.toString.call(items)}`);
  return new Dataset<T>(async function* () {
    yield* items;
  }, items.length);
}

/** A dataset of what a generator function yields; the function is called anew for every pass. */
export function fromGenerator<T>(generator: () => Iterator<T> | AsyncIterator<T>, options: { size?: number } = {}): Dataset<T> {
  return new Dataset<T>(async function* () {
    const it = generator();
    try {
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield r.value;
      }
    } finally {
      await it.return?.();
    }
  }, options.size);
}

/** A dataset over any iterable or async iterable, iterated anew for every pass. */
export function fromIterable<T>(iterable: Iterable<T> | AsyncIterable<T>, options: { size?: number } = {}): Dataset<T> {
  return new Dataset<T>(async function* () {
    yield* iterable as AsyncIterable<T>;
  }, options.size);
}

/** Pairs up the elements of several datasets (as an array or an object), ending with the shortest. */
export function zip<T extends Record<string, Dataset<unknown>> | readonly Dataset<unknown>[]>(
  datasets: T,
): Dataset<{ [K in keyof T]: T[K] extends Dataset<infer E> ? E : never }> {
  const entries = Object.entries(datasets) as [string, Dataset<unknown>][];
  const sizes = entries.map(([, d]) => d.size);
  const size = sizes.every((s) => s !== undefined) ? Math.min(...(sizes as number[])) : undefined;
  return new Dataset(async function* () {
    const iterators = entries.map(([, d]) => d[Symbol.asyncIterator]());
    try {
      for (;;) {
        const results = await Promise.all(iterators.map((it) => it.next()));
        if (results.some((r) => r.done)) {
          results.forEach((r) => r.done || tensorsIn(r.value).forEach((t) => t.dispose()));
          return;
        }
        const values = results.map((r) => r.value);
        yield (Array.isArray(datasets) ? values : Object.fromEntries(entries.map(([k], i) => [k, values[i]]))) as never;
      }
    } finally {
      await Promise.all(iterators.map((it) => it.return?.()));
    }
  }, size);
}
