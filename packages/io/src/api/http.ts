import { LayerwiseError } from '@layerwise/core';
import { concatBytes } from '@layerwise/core';

/** How far a download is: bytes received and, when the server says, the total. */
export interface DownloadProgress {
  readonly loaded: number;
  /** From Content-Length; undefined when the server does not send it. */
  readonly total: number | undefined;
  /** The URL being downloaded. */
  readonly url: string;
}

/** Options of loading over HTTP(S). */
export interface HttpOptions {
  /** Called as bytes arrive (several times a file), for progress bars on large models. */
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** The most bytes a download may have; a larger Content-Length is refused before downloading. Default 2 GiB. */
  readonly maxBytes?: number;
  /** The fetch to use (default: the global `fetch`), e.g. one that adds credentials. */
  readonly fetch?: typeof fetch;
}

/** Whether a source is an HTTP(S) URL. */
export const isHttpUrl = (source: string) => /^https?:\/\//i.test(source);

const DEFAULT_MAX_BYTES = 2 * 1024 ** 3;

/** Downloads a URL's body as bytes, reporting progress and enforcing `maxBytes`. */
export async function fetchBytes(url: string, options: HttpOptions = {}): Promise<Uint8Array> {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const doFetch = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await doFetch(url);
  } catch (error) {
    throw new LayerwiseError(`cannot fetch '${url}': ${(error as Error).message}`);
  }
  if (!response.ok) throw new LayerwiseError(`cannot fetch '${url}': HTTP ${response.status} ${response.statusText}`);
  const header = response.headers.get('content-length');
  const total = header === null ? undefined : Number(header);
  if (total !== undefined && total > max) {
    await response.body?.cancel();
    throw new LayerwiseError(`'${url}' is ${total} bytes (Content-Length), over the ${max}-byte limit (maxBytes)`);
  }
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(await response.arrayBuffer());
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    loaded += value.byteLength;
    if (loaded > max) {
      await reader.cancel();
      throw new LayerwiseError(`'${url}' sent more than the ${max}-byte limit (maxBytes)`);
    }
    chunks.push(value);
    options.onProgress?.({ loaded, total, url });
  }
  return concatBytes(chunks);
}
