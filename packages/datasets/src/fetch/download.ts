import { LayerwiseError } from '@layerwise/core';
import type { NodeModules } from '../node-modules.js';
import { md5Hex } from '../checksum/md5.js';
import type { FetchLike } from './fetch-like.js';
import { removeFile, temporaryPath } from './file-store.js';

/** Where a verified download is written: `target` in the cache, through a temporary file. */
export interface DownloadStore {
  readonly node: NodeModules;
  readonly target: string;
}

/** What {@link downloadVerified} needs. */
export interface DownloadRequest {
  readonly urls: readonly string[];
  readonly md5: string;
  readonly fetch: FetchLike;
  /** Where to keep the file; absent where there is no file system (browsers). */
  readonly store?: DownloadStore;
}

/** The outcome: the verified bytes and their URL, or why each URL failed. */
export type DownloadResult =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly url: string }
  | { readonly ok: false; readonly failures: readonly string[] };

function describeError(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  const cause = (error as { cause?: { message?: string } })?.cause?.message;
  return cause ? `${message} (${cause})` : message;
}

async function getBytes(fetch: FetchLike, url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

async function writeOrExplain(store: DownloadStore, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    throw new LayerwiseError(
      `cannot write the cache file ${store.target}: ${describeError(error)}. ` +
        'Choose another cache directory with the `cacheDir` option or LAYERWISE_CACHE_DIR',
    );
  }
}

/**
 * Downloads from `urls` in order until one serves bytes with the expected MD5. With a store, the
 * bytes go to a temporary file beside the target, which is renamed into place only once verified
 * and deleted otherwise: the target never holds a partial or wrong file.
 */
export async function downloadVerified(request: DownloadRequest): Promise<DownloadResult> {
  const failures: string[] = [];
  for (const url of request.urls) {
    let bytes: Uint8Array;
    try {
      bytes = await getBytes(request.fetch, url);
    } catch (error) {
      failures.push(`${url}: ${describeError(error)}`);
      continue;
    }
    const store = request.store;
    const temporary = store ? temporaryPath(store.target) : undefined;
    let kept = false;
    try {
      if (store && temporary) await writeOrExplain(store, () => store.node.fs.writeFile(temporary, bytes));
      const actual = await md5Hex(bytes);
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
