import { cloneElement, disposeElement } from '../elements.js';

/**
 * `prefetch`: keeps up to `count` elements requested ahead of the consumer, so producing them
 * (decoding, augmenting) overlaps with training on the previous ones.
 */
export async function* prefetchOp<T>(source: AsyncIterable<T>, count: number): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  const ahead: Promise<IteratorResult<T>>[] = [];
  let done = false;
  try {
    for (;;) {
      while (!done && ahead.length <= count) ahead.push(it.next());
      const r = await ahead.shift()!;
      if (r.done) {
        done = true;
        return;
      }
      yield r.value;
    }
  } finally {
    for (const p of ahead) {
      const r = await p.catch(() => undefined);
      if (r && !r.done) disposeElement(r.value);
    }
    await it.return?.();
  }
}

/** The memory a `cache` keeps between passes. */
export interface CacheStore<T> {
  elements: T[] | undefined;
}

/**
 * `cache`: the first complete pass is kept in memory (as copies); later passes replay the copies
 * (handing out clones, which the consumer disposes) without running the source again.
 */
export async function* cacheOp<T>(source: AsyncIterable<T>, store: CacheStore<T>): AsyncGenerator<T> {
  if (store.elements) {
    for (const element of store.elements) yield cloneElement(element);
    return;
  }
  const filling: T[] = [];
  let complete = false;
  try {
    for await (const element of source) {
      filling.push(cloneElement(element));
      yield element;
    }
    complete = true;
  } finally {
    if (complete) store.elements = filling;
    else filling.forEach(disposeElement);
  }
}
