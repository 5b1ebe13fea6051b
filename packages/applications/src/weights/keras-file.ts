import { fetchDatasetFile, type FetchLike } from '@layerwise/datasets';
import { invalidArgument } from '@layerwise/core';

/** The environment variable naming the offline directory of model files (`<dir>/keras-applications/<file>`). */
export const MODELS_DIR_ENV = 'LAYERWISE_MODELS_DIR';

/** The folder Keras' files are kept in, offline and in the cache. */
export const KERAS_FILES_FOLDER = 'keras-applications';

/** A file Keras publishes: its name, the folder URL it is served from, and its published MD5. */
export interface KerasFile {
  /** The file's name (`'vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5'`). */
  readonly name: string;
  /** The URL of the folder serving it; the file's URL is this followed by `name`. */
  readonly baseUrl: string;
  /** The MD5 Keras publishes for it; `null` where Keras publishes none (MobileNetV2): then copies are not verified. */
  readonly md5: string | null;
}

/** Where {@link getKerasFile} looks for a file, and how it downloads it. */
export interface KerasFileOptions {
  /** Offline root holding `<offlineDir>/keras-applications/<file>`. Default: `LAYERWISE_MODELS_DIR`, else none. */
  readonly offlineDir?: string;
  /** Cache root; files go to `<cacheDir>/keras-applications/<file>`. Default: `LAYERWISE_CACHE_DIR`, else `~/.cache/layerwise/datasets`. */
  readonly cacheDir?: string;
  /** Base URL to download from instead of the file's own (a mirror of Keras' bucket). */
  readonly baseUrl?: string;
  /** The fetch used to download. Default: the global `fetch`. */
  readonly fetch?: FetchLike;
}

/** The option names of {@link KerasFileOptions}, for option checks. */
export const kerasFileOptionNames = ['offlineDir', 'cacheDir', 'baseUrl', 'fetch'] as const;

function modelsDirFromEnv(): string | undefined {
  const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[MODELS_DIR_ENV];
  return value === undefined || value === '' ? undefined : value;
}

/**
 * The bytes of a file Keras publishes (weights, the ImageNet class index), MD5-verified where Keras
 * publishes a checksum, from the first place that has it: the offline directory
 * (`offlineDir` or `LAYERWISE_MODELS_DIR`, then `<dir>/keras-applications/<name>`), the cache,
 * else a download from its URL (to a temporary file, verified, then renamed into the cache), as
 * Keras' `get_file(..., cache_subdir='models', file_hash=...)` does.
 *
 * @example
 * ```ts
 * const bytes = await getKerasFile(
 *   { name: 'imagenet_class_index.json', baseUrl: 'https://storage.googleapis.com/download.tensorflow.org/data/', md5: 'c2c37ea517e94d9795004a39431a14cb' },
 *   { cacheDir: '/tmp/layerwise' },
 * );
 * ```
 */
export async function getKerasFile(file: KerasFile, options: KerasFileOptions = {}): Promise<Uint8Array> {
  const baseUrl = options.baseUrl ?? file.baseUrl;
  if (typeof baseUrl !== 'string' || !/^https?:\/\//i.test(baseUrl)) {
    throw invalidArgument({ owner: `getKerasFile(${file.name})`, argument: 'baseUrl', expected: 'an http(s) URL', received: baseUrl });
  }
  const offlineDir = options.offlineDir ?? modelsDirFromEnv();
  const found = await fetchDatasetFile({
    name: file.name,
    dataset: KERAS_FILES_FOLDER,
    md5: file.md5,
    mirrors: [baseUrl],
    ...(offlineDir === undefined ? {} : { offlineDir }),
    ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  return found.bytes;
}
