import { invalidArgument, LayerwiseError } from '@layerwise/core';
import { md5Hex } from '../checksum/md5.js';
import { loadNodeModules, type NodeModules } from '../node-modules.js';
import { downloadVerified } from './download.js';
import type { FetchLike } from './fetch-like.js';
import { readIfPresent, removeFile, removeStaleParts } from './file-store.js';
import type { DatasetDownloadCallback } from './progress.js';
import { cacheRoot, DATASETS_DIR_ENV, offlineRoot } from './locations.js';

/** Options of {@link fetchDatasetFile}. */
export interface FetchDatasetFileOptions {
  /** The file's name, as on the mirrors and on disk (`'train-images-idx3-ubyte.gz'`). */
  readonly name: string;
  /** The dataset it belongs to, the folder it is kept in (`'mnist'`). */
  readonly dataset: string;
  /**
   * Its MD5 checksum, 32 hex digits: every copy, offline, cached or downloaded, is verified against it.
   * `null` only for files whose publisher gives no checksum (then no copy is verified).
   */
  readonly md5: string | null;
  /** Base URLs tried in order; the file's URL is the base followed by `name`. */
  readonly mirrors: readonly string[];
  /** Offline root holding `<dataset>/<name>`. Default: `LAYERWISE_DATASETS_DIR`, else none. */
  readonly offlineDir?: string;
  /** Cache root; files go to `<cacheDir>/<dataset>/<name>`. Default: `LAYERWISE_CACHE_DIR`, else `~/.cache/layerwise/datasets`. */
  readonly cacheDir?: string;
  /** The fetch used to download. Default: the global `fetch`. */
  readonly fetch?: FetchLike;
  /** Called as a download makes progress (bytes received, and the total when the server says). */
  readonly onProgress?: DatasetDownloadCallback;
}

/** Where a file was found. */
export type DatasetFileOrigin = 'offline' | 'cache' | 'download';

/** A dataset file's verified bytes and where they came from. */
export interface DatasetFile {
  readonly bytes: Uint8Array;
  readonly origin: DatasetFileOrigin;
  /** The path read (offline, cache) or the URL downloaded (in Node the file is then in the cache). */
  readonly location: string;
}

const OWNER = 'fetchDatasetFile';
const PLAIN_NAME = /^(?!\.{1,2}$)[A-Za-z0-9._-]+$/;

function checkOptions(options: FetchDatasetFileOptions): string | null {
  for (const key of ['name', 'dataset'] as const) {
    if (typeof options[key] !== 'string' || !PLAIN_NAME.test(options[key])) {
      throw invalidArgument({ owner: OWNER, argument: key, expected: 'a plain file name (letters, digits, ".", "_", "-")', received: options[key] });
    }
  }
  if (options.md5 !== null && (typeof options.md5 !== 'string' || !/^[0-9a-fA-F]{32}$/.test(options.md5))) {
    throw invalidArgument({ owner: OWNER, argument: 'md5', expected: '32 hex digits', received: options.md5 });
  }
  if (!Array.isArray(options.mirrors) || options.mirrors.some((m) => typeof m !== 'string' || m === '')) {
    throw invalidArgument({ owner: OWNER, argument: 'mirrors', expected: 'an array of base URLs', received: options.mirrors });
  }
  for (const key of ['offlineDir', 'cacheDir'] as const) {
    const value = options[key];
    if (value !== undefined && (typeof value !== 'string' || value === '')) {
      throw invalidArgument({ owner: OWNER, argument: key, expected: 'a directory path', received: value });
    }
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw invalidArgument({ owner: OWNER, argument: 'fetch', expected: 'a function like the global fetch', received: options.fetch });
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw invalidArgument({ owner: OWNER, argument: 'onProgress', expected: 'a function', received: options.onProgress });
  }
  return options.md5 === null ? null : options.md5.toLowerCase();
}

function fileUrl(mirror: string, name: string): string {
  return mirror.endsWith('/') ? `${mirror}${name}` : `${mirror}/${name}`;
}

function defaultFetch(): FetchLike {
  if (typeof globalThis.fetch !== 'function') {
    throw new LayerwiseError(`${OWNER}: this platform has no global fetch; pass one as the \`fetch\` option`);
  }
  return (url, init) => globalThis.fetch(url, init?.headers ? { headers: init.headers } : undefined);
}

async function readOffline(node: NodeModules, root: string, label: string, md5: string | null): Promise<DatasetFile | undefined> {
  const path = node.path.join(root, label);
  let bytes: Uint8Array | undefined;
  try {
    bytes = await readIfPresent(node, path);
  } catch (error) {
    throw new LayerwiseError(`${label}: cannot read the offline copy ${path}: ${(error as Error).message}`);
  }
  if (bytes === undefined) return undefined;
  const actual = md5 === null ? null : await md5Hex(bytes);
  if (actual !== md5) {
    throw new LayerwiseError(
      `${label}: checksum mismatch in the offline directory: ${path} has md5 ${actual}, expected ${md5} ` +
        `(${bytes.length} bytes). Replace the file or unset ${DATASETS_DIR_ENV}`,
    );
  }
  return { bytes, origin: 'offline', location: path };
}

/**
 * Gets a dataset file's bytes, checksum verified, from the first place that has it:
 *
 * 1. the offline directory (`offlineDir`, else `LAYERWISE_DATASETS_DIR`): `<dir>/<dataset>/<name>`;
 *    a copy there with the wrong checksum is an error (the directory is yours to fix);
 * 2. the cache (`<cacheDir>/<dataset>/<name>`); a cached copy with the wrong checksum is deleted;
 * 3. the mirrors, in order: the download is streamed to a temporary file in the cache (reporting
 *    progress to `onProgress`; a cut connection is resumed with an HTTP `Range` request, or
 *    restarted where the server ignores ranges), verified, and only then renamed into place, so
 *    no partial or wrong file is ever used or left in the cache (temporary files of downloads
 *    killed mid-way are deleted by the next download of the same file).
 *
 * In browsers (no file system) only step 3 runs, in memory. Every failure raises a
 * `LayerwiseError` naming the file; a checksum mismatch names the expected and actual MD5.
 *
 * @example
 * ```ts
 * const { bytes, origin } = await fetchDatasetFile({
 *   name: 'train-labels-idx1-ubyte.gz',
 *   dataset: 'mnist',
 *   md5: 'd53e105ee54ea40749a09fcbcd1e9432',
 *   mirrors: ['https://storage.googleapis.com/cvdf-datasets/mnist/'],
 * });
 * ```
 */
export async function fetchDatasetFile(options: FetchDatasetFileOptions): Promise<DatasetFile> {
  const md5 = checkOptions(options);
  const { name, dataset } = options;
  const label = `${dataset}/${name}`;
  const urls = options.mirrors.map((mirror) => fileUrl(mirror, name));
  const fetch = options.fetch ?? defaultFetch();
  const node = await loadNodeModules();
  const notes: string[] = [];
  const request = { file: label, urls, md5, fetch, ...(options.onProgress && { onProgress: options.onProgress }) };

  if (node === undefined) {
    const result = await downloadVerified(request);
    if (result.ok) return { bytes: result.bytes, origin: 'download', location: result.url };
    throw new LayerwiseError(`${label}: could not download the file: ${describeFailures(result.failures, urls)}`);
  }

  const offline = offlineRoot(options.offlineDir);
  if (offline !== undefined) {
    const found = await readOffline(node, offline, label, md5);
    if (found) return found;
    notes.push(`not in the offline directory ${offline}`);
  }

  const directory = node.path.join(cacheRoot(options.cacheDir, node), dataset);
  const target = node.path.join(directory, name);
  const cached = await readIfPresent(node, target);
  if (cached !== undefined) {
    const actual = md5 === null ? null : await md5Hex(cached);
    if (actual === md5) return { bytes: cached, origin: 'cache', location: target };
    await removeFile(node, target);
    notes.push(`deleted the cached copy ${target}: md5 ${actual}, expected ${md5}`);
  } else {
    notes.push(`not in the cache ${directory}`);
  }

  try {
    await node.fs.mkdir(directory, { recursive: true });
  } catch (error) {
    throw new LayerwiseError(
      `${label}: cannot create the cache directory ${directory}: ${(error as Error).message}. ` +
        'Choose another one with the `cacheDir` option or LAYERWISE_CACHE_DIR',
    );
  }
  await removeStaleParts(node, target);
  const result = await downloadVerified({ ...request, store: { node, target } });
  if (result.ok) return { bytes: result.bytes, origin: 'download', location: result.url };
  throw new LayerwiseError(`${label}: could not get the file: ${notes.join('; ')}; ${describeFailures(result.failures, urls)}`);
}

function describeFailures(failures: readonly string[], urls: readonly string[]): string {
  if (urls.length === 0) return 'no mirrors to download from';
  return `every mirror failed: ${failures.join('; ')}`;
}
