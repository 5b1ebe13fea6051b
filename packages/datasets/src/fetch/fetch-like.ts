/** The part of a `fetch` response that downloads read. */
export interface ResponseLike {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText?: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * The `fetch` a download uses: the global one by default. Injectable so that tests and
 * applications can serve bytes their own way (a proxy, a test double, no network at all).
 */
export type FetchLike = (url: string) => Promise<ResponseLike>;
