import { LayerwiseError } from '@layerwise/core';
import type { NodeModules } from '../node-modules.js';
import { md5Hex } from '../checksum/md5.js';
import type { FetchLike, ResponseLike } from './fetch-like.js';
import { removeFile, temporaryPath } from './file-store.js';
import type { DatasetDownloadCallback } from './progress.js';
import { announcedTotal, bodyChunks, rangeStart } from './response-body.js';
import { openSink, type ByteSink } from './sink.js';

/** Where a verified download is written: `target` in the cache, through a temporary file. */
export interface DownloadStore {
  readonly node: NodeModules;
  readonly target: string;
}

/** What {@link downloadVerified} needs. */
export interface DownloadRequest {
  /** The file, as `<dataset>/<name>`, for progress reports. */
  readonly file: string;
  readonly urls: readonly string[];
  /** The expected MD5 (lowercase); `null` where the publisher gives none (nothing is verified). */
  readonly md5: string | null;
  readonly fetch: FetchLike;
  /** Where to keep the file; absent where there is no file system (browsers). */
  readonly store?: DownloadStore;
  readonly onProgress?: DatasetDownloadCallback;
}

/** The outcome: the verified bytes and their URL, or why each URL failed. */
export type DownloadResult =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly url: string }
  | { readonly ok: false; readonly failures: readonly string[] };

/** How many times a cut connection is taken up again (with `Range`, else from the start) before giving up. */
export const RESUME_ATTEMPTS = 3;

function describeError(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  const cause = (error as { cause?: { message?: string } })?.cause?.message;
  return cause ? `${message} (${cause})` : message;
}

function httpError(response: ResponseLike): Error {
  return new Error(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
}

/**
 * Fetches `url` into `sink`, reporting progress. When the connection breaks, asks again for the
 * rest with `Range: bytes=<received>-`; a server that answers with the whole file (200) is read
 * again from the first byte. Gives up after {@link RESUME_ATTEMPTS} breaks.
 */
async function fetchInto(request: DownloadRequest, url: string, sink: ByteSink): Promise<void> {
  let loaded = 0;
  let total: number | undefined;
  let breaks = 0;
  for (;;) {
    const response = await request.fetch(url, loaded > 0 ? { headers: { Range: `bytes=${loaded}-` } } : undefined);
    if (loaded > 0 && response.status === 206 && rangeStart(response) === loaded) {
      // Resumed: the rest follows.
    } else if (response.ok && response.status !== 206) {
      if (loaded > 0) await sink.reset();
      loaded = 0;
    } else {
      throw httpError(response);
    }
    total = announcedTotal(response, loaded) ?? total;
    try {
      for await (const chunk of bodyChunks(response)) {
        await sink.write(chunk);
        loaded += chunk.length;
        request.onProgress?.({ file: request.file, url, loaded, total });
      }
      if (total === undefined || loaded >= total) return;
      throw new Error('the connection closed early');
    } catch (error) {
      if (error instanceof LayerwiseError) throw error;
      if (++breaks > RESUME_ATTEMPTS) {
        throw new Error(
          `download interrupted at ${loaded} of ${total ?? 'unknown'} bytes, ${RESUME_ATTEMPTS} resumptions failed: ${describeError(error)}`,
        );
      }
    }
  }
}

async function writeOrExplain<T>(store: DownloadStore, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw new LayerwiseError(
      `cannot write the cache file ${store.target}: ${describeError(error)}. ` +
        'Choose another cache directory with the `cacheDir` option or LAYERWISE_CACHE_DIR',
    );
  }
}

/**
 * Downloads from `urls` in order until one serves bytes with the expected MD5. With a store, the
 * bytes go to a temporary file beside the target as they arrive, which is renamed into place only
 * once complete and verified, and deleted otherwise: the target never holds a partial or wrong
 * file, and no temporary file is left behind.
 */
export async function downloadVerified(request: DownloadRequest): Promise<DownloadResult> {
  const failures: string[] = [];
  for (const url of request.urls) {
    const store = request.store;
    const temporary = store ? temporaryPath(store.target) : undefined;
    let kept = false;
    try {
      const sink = store && temporary ? await writeOrExplain(store, () => openSink({ node: store.node, path: temporary })) : await openSink();
      let bytes: Uint8Array;
      try {
        await fetchInto(request, url, sink);
        bytes = sink.bytes();
      } catch (error) {
        if (error instanceof LayerwiseError) throw error;
        failures.push(`${url}: ${describeError(error)}`);
        continue;
      } finally {
        await sink.close();
      }
      const actual = request.md5 === null ? null : await md5Hex(bytes);
      if (actual !== request.md5) {
        failures.push(`${url}: checksum mismatch: expected md5 ${request.md5}, got ${actual} (${bytes.length} bytes)`);
        continue;
      }
      if (store && temporary) await writeOrExplain(store, () => store.node.fs.rename(temporary, store.target));
      kept = true;
      return { ok: true, bytes, url };
    } finally {
      if (store && temporary && !kept) await removeFile(store.node, temporary);
    }
  }
  return { ok: false, failures };
}
