import * as tf from '@tensorflow/tfjs-core';
import type { TensorContainer } from '@tensorflow/tfjs-core';
import { LayerwiseError } from '@layerwise/core';
import { disposeElement, disposeExcept, mapStructure } from '../elements.js';

/** `map`: `fn` runs inside `tf.tidy`; the input's tensors the output does not reuse are disposed. */
export async function* mapOp<T, U>(source: AsyncIterable<T>, fn: (element: T) => U): AsyncGenerator<U> {
  for await (const element of source) {
    let out: U;
    try {
      out = tf.tidy(() => fn(element) as unknown as TensorContainer) as unknown as U;
    } catch (error) {
      disposeElement(element);
      throw error;
    }
    disposeExcept(element, out);
    yield out;
  }
}

/**
 * `mapAsync`: up to `concurrency` elements in flight at once, results in input order. The input's
 * tensors the output does not reuse are disposed; tensors `fn` creates and drops are its own to free.
 */
export async function* mapAsyncOp<T, U>(source: AsyncIterable<T>, fn: (element: T) => Promise<U>, concurrency: number): AsyncGenerator<U> {
  const pending: Promise<{ input: T; output: U }>[] = [];
  const it = source[Symbol.asyncIterator]();
  let done = false;
  try {
    for (;;) {
      while (!done && pending.length < concurrency) {
        const r = await it.next();
        if (r.done) done = true;
        else {
          const input = r.value;
          const job = fn(input).then(
            (output) => ({ input, output }),
            (error: unknown) => {
              // A failed job's input is nobody else's to free.
              disposeElement(input);
              throw error;
            },
          );
          // Rejections are seen when the job's turn comes; until then, keep Node from calling them unhandled.
          job.catch(() => undefined);
          pending.push(job);
        }
      }
      const next = pending.shift();
      if (!next) return;
      const { input, output } = await next;
      disposeExcept(input, output);
      yield output;
    }
  } finally {
    for (const p of pending) {
      const settled = await p.catch(() => undefined);
      if (settled) {
        disposeElement(settled.input);
        disposeElement(settled.output);
      }
    }
    if (!done) await it.return?.();
  }
}

/** `filter`: rejected elements are disposed. */
export async function* filterOp<T>(source: AsyncIterable<T>, predicate: (element: T) => boolean | Promise<boolean>): AsyncGenerator<T> {
  for await (const element of source) {
    if (await predicate(element)) yield element;
    else disposeElement(element);
  }
}

function stackLeaves(leaves: unknown[], path: string): unknown {
  const first = leaves[0];
  if (first instanceof tf.Tensor) {
    const shapes = new Set(leaves.map((t) => JSON.stringify((t as tf.Tensor).shape)));
    if (shapes.size > 1) {
      throw new LayerwiseError(`batch: elements at ${path || 'the top level'} have different shapes (${[...shapes].join(', ')}); resize or pad them first`);
    }
    return tf.stack(leaves as tf.Tensor[]);
  }
  if (typeof first === 'number' || typeof first === 'boolean') return tf.tensor(leaves as number[]);
  throw new LayerwiseError(`batch: cannot stack values of type ${typeof first} at ${path || 'the top level'}`);
}

/** `batch`: stacks `size` elements leaf by leaf (numbers become tensors) and disposes them. */
export async function* batchOp<T>(source: AsyncIterable<T>, size: number, dropRemainder: boolean): AsyncGenerator<unknown> {
  let group: T[] = [];
  const emit = () => {
    const items = group;
    group = [];
    try {
      return mapStructure(items, stackLeaves);
    } finally {
      items.forEach(disposeElement);
    }
  };
  try {
    for await (const element of source) {
      group.push(element);
      if (group.length === size) yield emit();
    }
    if (group.length > 0 && !dropRemainder) yield emit();
  } finally {
    group.forEach(disposeElement);
  }
}

/** `unbatch`: splits every tensor leaf along its first axis into elements, disposing the batch. */
export async function* unbatchOp<T>(source: AsyncIterable<T>): AsyncGenerator<unknown> {
  for await (const element of source) {
    // Leaves are visited in the same order by every mapStructure call, so piece lists line up.
    const parts: tf.Tensor[][] = [];
    let count = -1;
    try {
      mapStructure([element], ([leaf], path) => {
        if (!(leaf instanceof tf.Tensor) || leaf.rank === 0) throw new LayerwiseError(`unbatch: the value at ${path || 'the top level'} is not a batched tensor`);
        if (count >= 0 && leaf.shape[0] !== count) throw new LayerwiseError('unbatch: tensors of an element have different first dimensions');
        count = leaf.shape[0]!;
        parts.push(tf.unstack(leaf));
        return undefined;
      });
    } catch (error) {
      parts.flat().forEach((t) => t.dispose());
      throw error;
    } finally {
      disposeElement(element);
    }
    let next = 0;
    try {
      for (; next < count; next++) {
        let leafIndex = 0;
        const i = next;
        yield mapStructure([element], () => parts[leafIndex++]![i]);
      }
    } finally {
      // The consumer stopped early: the pieces it never received are ours to free.
      for (const pieces of parts) pieces.slice(next + 1).forEach((t) => t.dispose());
    }
  }
}
