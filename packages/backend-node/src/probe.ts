import * as tf from '@tensorflow/tfjs-core';

/** Imports a module by name; injectable so that tests can simulate tfjs-node's failures. */
export type ModuleLoader = (specifier: string) => Promise<unknown>;

/** The default loader: a dynamic import whose specifier neither TypeScript nor bundlers require. */
export const importModule: ModuleLoader = (specifier) => import(/* @vite-ignore */ specifier);

/** Why tfjs-node can or cannot be used. */
export interface NodeBackendReport {
  /** True when tfjs-node loaded and registered its `'tensorflow'` backend. */
  readonly available: boolean;
  /** `'loaded'`, or what went wrong. */
  readonly status: 'loaded' | 'not-installed' | 'native-library-missing' | 'unsupported-runtime' | 'failed';
  /** A sentence for people: what happened, and what to do. */
  readonly message: string;
}

/** What Layerwise falls back to without tfjs-node, named in every message. */
export const fallback = "useBackend('auto') falls back to WebGPU (where a GPU adapter exists), then @layerwise/backend-wasm, then tfjs-backend-wasm/cpu";

const packageName = '@tensorflow/tfjs-node';

function classify(error: unknown): Pick<NodeBackendReport, 'status' | 'message'> {
  const text = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string } | null)?.code;
  if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || /Cannot find (package|module)/.test(text)) && text.includes(packageName) && !/\.node\b/.test(text)) {
    return { status: 'not-installed', message: `${packageName} is not installed (\`npm install ${packageName}\`; its install script downloads libtensorflow)` };
  }
  if (/libtensorflow|tfjs_binding|\.node\b|dlopen|ELF|GLIBC/.test(text)) {
    return { status: 'native-library-missing', message: `${packageName} is installed but its native library did not load (${text}); reinstall it with \`npm rebuild ${packageName}\`` };
  }
  if (/NODE_MODULE_VERSION|N-API|napi/i.test(text)) {
    return { status: 'unsupported-runtime', message: `${packageName} does not support Node ${process.version} (${text})` };
  }
  return { status: 'failed', message: `${packageName} failed to load: ${text}` };
}

/**
 * Tries to load tfjs-node (which registers the `'tensorflow'` backend) and says what happened.
 * Never throws; `registerNodeBackend` throws with the same message.
 */
export async function probeNodeBackend(load: ModuleLoader = importModule): Promise<NodeBackendReport> {
  if (typeof process === 'undefined' || process.versions?.node === undefined) {
    return { available: false, status: 'unsupported-runtime', message: `${packageName} runs only in Node; ${fallback}` };
  }
  if (tf.findBackendFactory('tensorflow') == null) {
    try {
      await load(packageName);
    } catch (error) {
      const { status, message } = classify(error);
      return { available: false, status, message: `${message}; ${fallback}` };
    }
  }
  if (tf.findBackendFactory('tensorflow') == null) {
    return { available: false, status: 'failed', message: `${packageName} loaded but registered no 'tensorflow' backend (is its @tensorflow/tfjs-core the same version, 4.22?); ${fallback}` };
  }
  return { available: true, status: 'loaded', message: `${packageName} loaded on Node ${process.version}` };
}
