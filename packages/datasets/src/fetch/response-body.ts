import type { ResponseLike } from './fetch-like.js';

/** The size a response announces: the total of a `Content-Range`, else its `Content-Length`. */
export function announcedTotal(response: ResponseLike, offset: number): number | undefined {
  const range = response.headers?.get('content-range');
  const total = range ? /\/(\d+)\s*$/.exec(range)?.[1] : undefined;
  if (total !== undefined) return Number(total);
  const length = response.headers?.get('content-length');
  return length && /^\d+$/.test(length.trim()) ? offset + Number(length) : undefined;
}

/** The first byte a `206 Partial Content` response holds (`Content-Range: bytes <start>-...`). */
export function rangeStart(response: ResponseLike): number | undefined {
  const start = /^\s*bytes\s+(\d+)-/.exec(response.headers?.get('content-range') ?? '')?.[1];
  return start === undefined ? undefined : Number(start);
}

/** The body's chunks as they arrive: a web `ReadableStream`, an async iterable, or `arrayBuffer()`. */
export async function* bodyChunks(response: ResponseLike): AsyncGenerator<Uint8Array> {
  const body = response.body;
  if (body === undefined || body === null) {
    yield new Uint8Array(await response.arrayBuffer());
    return;
  }
  if ('getReader' in body && typeof body.getReader === 'function') {
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  yield* body as AsyncIterable<Uint8Array>;
}
