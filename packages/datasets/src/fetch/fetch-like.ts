/** The headers of a response, as far as downloads read them. */
export interface HeadersLike {
  get(name: string): string | null;
}

/** The part of a `fetch` response that downloads read. */
export interface ResponseLike {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText?: string;
  /** Read for `Content-Length` and `Content-Range`; without it the size is unknown and nothing resumes. */
  readonly headers?: HeadersLike;
  /**
   * The body as a stream of chunks (the global `fetch` gives a `ReadableStream`): read as it
   * arrives, for progress reports and for resuming after a cut connection. Without it the
   * download falls back to `arrayBuffer()`.
   */
  readonly body?: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** What a download passes to `fetch` besides the URL: a `Range` header when it resumes. */
export interface RequestInitLike {
  readonly headers?: Record<string, string>;
}

/**
 * The `fetch` a download uses: the global one by default. Injectable so that tests and
 * applications can serve bytes their own way (a proxy, a test double, no network at all).
 */
export type FetchLike = (url: string, init?: RequestInitLike) => Promise<ResponseLike>;
