import { SeededRandom } from '@layerwise/core';
import { disposeElement } from '../elements.js';

/** `shuffle`: a buffer of `bufferSize` elements, drawn from at random (seeded; reseeded per pass when asked). */
export async function* shuffleOp<T>(source: AsyncIterable<T>, bufferSize: number, random: SeededRandom): AsyncGenerator<T> {
  const buffer: T[] = [];
  try {
    for await (const element of source) {
      if (buffer.length < bufferSize) {
        buffer.push(element);
        continue;
      }
      const i = random.nextInt(buffer.length);
      const out = buffer[i]!;
      buffer[i] = element;
      yield out;
    }
    while (buffer.length > 0) {
      const i = random.nextInt(buffer.length);
      const out = buffer[i]!;
      buffer[i] = buffer[buffer.length - 1]!;
      buffer.pop();
      yield out;
    }
  } finally {
    buffer.forEach(disposeElement);
  }
}

/** `take`: the first `count` elements; nothing more is pulled from the source. */
export async function* takeOp<T>(source: AsyncIterable<T>, count: number): AsyncGenerator<T> {
  if (count <= 0) return;
  let taken = 0;
  for await (const element of source) {
    yield element;
    if (++taken >= count) return;
  }
}

/** `skip`: drops (and disposes) the first `count` elements. */
export async function* skipOp<T>(source: AsyncIterable<T>, count: number): AsyncGenerator<T> {
  let seen = 0;
  for await (const element of source) {
    if (seen++ < count) disposeElement(element);
    else yield element;
  }
}

/** `repeat`: the source `times` times over (forever when undefined). */
export async function* repeatOp<T>(source: AsyncIterable<T>, times: number | undefined): AsyncGenerator<T> {
  for (let pass = 0; times === undefined || pass < times; pass++) {
    let any = false;
    for await (const element of source) {
      any = true;
      yield element;
    }
    if (!any) return;
  }
}

/** `concatenate`: the elements of one source, then the other's. */
export async function* concatenateOp<T>(first: AsyncIterable<T>, second: AsyncIterable<T>): AsyncGenerator<T> {
  yield* first;
  yield* second;
}
