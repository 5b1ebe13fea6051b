import type { NodeModules } from '../node-modules.js';
import { readEnv } from '../env.js';

/** The environment variable naming the offline directory (`<dir>/<dataset>/<file>`). */
export const DATASETS_DIR_ENV = 'LAYERWISE_DATASETS_DIR';

/** The environment variable naming the cache root (`<dir>/<dataset>/<file>`). */
export const CACHE_DIR_ENV = 'LAYERWISE_CACHE_DIR';

/** The offline root: the option, else `LAYERWISE_DATASETS_DIR`, else none. */
export function offlineRoot(option: string | undefined): string | undefined {
  return option ?? readEnv(DATASETS_DIR_ENV);
}

/** The cache root: the option, else `LAYERWISE_CACHE_DIR`, else `~/.cache/layerwise/datasets`. */
export function cacheRoot(option: string | undefined, node: NodeModules): string {
  return option ?? readEnv(CACHE_DIR_ENV) ?? node.path.join(node.os.homedir(), '.cache', 'layerwise', 'datasets');
}
