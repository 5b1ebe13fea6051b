import { fetchDatasetFile } from '../fetch/fetch-dataset-file.js';
import type { FetchLike } from '../fetch/fetch-like.js';
import type { DatasetDownloadCallback } from '../fetch/progress.js';
import type { DatasetFileSpec } from '../mnist/files.js';

/** Where a classic dataset's files come from (see `fetchDatasetFile` for the order they are looked in). */
export interface LoadDatasetOptions {
  /** Offline root holding `<dataset>/<file>`. Default: `LAYERWISE_DATASETS_DIR`. */
  readonly offlineDir?: string;
  /** Cache root (files go to `<cacheDir>/<dataset>/`). Default: `LAYERWISE_CACHE_DIR`, else `~/.cache/layerwise/datasets`. */
  readonly cacheDir?: string;
  /** Base URLs to download from, in order. Default: the dataset's public mirrors. */
  readonly mirrors?: readonly string[];
  /** The fetch used to download. Default: the global `fetch`. */
  readonly fetch?: FetchLike;
  /** Called as a download makes progress: `{ file, url, loaded, total }`. */
  readonly onProgress?: DatasetDownloadCallback;
}

/** The verified bytes of one file of `dataset`, from the offline directory, the cache or the mirrors. */
export async function getDatasetFile(
  dataset: string,
  file: DatasetFileSpec,
  mirrors: readonly string[],
  options: LoadDatasetOptions,
): Promise<Uint8Array> {
  const fetched = await fetchDatasetFile({
    name: file.name,
    dataset,
    md5: file.md5,
    mirrors: options.mirrors ?? mirrors,
    ...(options.offlineDir !== undefined && { offlineDir: options.offlineDir }),
    ...(options.cacheDir !== undefined && { cacheDir: options.cacheDir }),
    ...(options.fetch !== undefined && { fetch: options.fetch }),
    ...(options.onProgress !== undefined && { onProgress: options.onProgress }),
  });
  return fetched.bytes;
}
