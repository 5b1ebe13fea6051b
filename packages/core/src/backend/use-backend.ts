import * as tf from '@tensorflow/tfjs-core';
import { LayerwiseError } from '../errors.js';
import { registerAllGradients } from './register-gradients.js';

/** A backend provider: how to load a tfjs backend package, under the name it registers. */
export interface BackendProvider {
  /** The name the backend registers with tfjs-core (`'wasm'`, `'cpu'`). */
  readonly name: string;
  /** The npm package that provides it, named in error messages. */
  readonly packageName: string;
  /** Imports the package (which registers the backend with tfjs-core). */
  load(): Promise<unknown>;
}

/** What `useBackend` needs of `@layerwise/backend-wasm`. */
interface LayerwiseWasmModule {
  registerWasmBackend(options: { threads?: number; enableV8RelaxedSimdFlag?: boolean }): boolean;
  defaultThreadCount(): Promise<number>;
}

/**
 * Loads Layerwise's own WebAssembly SIMD backend when the application installed it. The
 * specifier is a variable so that neither TypeScript nor bundlers require the optional package.
 */
async function loadLayerwiseWasm(): Promise<void> {
  const specifier = '@layerwise/backend-wasm';
  const module = (await import(/* @vite-ignore */ specifier)) as LayerwiseWasmModule;
  module.registerWasmBackend({ threads: await module.defaultThreadCount(), enableV8RelaxedSimdFlag: true });
}

/** The backends `useBackend` knows how to load, in the order `'auto'` tries them. */
export const knownBackends: readonly BackendProvider[] = [
  { name: 'layerwise-wasm', packageName: '@layerwise/backend-wasm', load: loadLayerwiseWasm },
  { name: 'wasm', packageName: '@tensorflow/tfjs-backend-wasm', load: () => import('@tensorflow/tfjs-backend-wasm') },
  { name: 'cpu', packageName: '@tensorflow/tfjs-backend-cpu', load: () => import('@tensorflow/tfjs-backend-cpu') },
];

/** What `useBackend` chose, and why. */
export interface BackendReport {
  /** The active tfjs backend's name. */
  readonly name: string;
  /** Why it was chosen, including the candidates that failed and their errors. */
  readonly reason: string;
}

let lastReport: BackendReport | undefined;

/** The report of the last `useBackend` call, if any. */
export function backendReport(): BackendReport | undefined {
  return lastReport;
}

async function activate(name: string): Promise<void> {
  const ok = await tf.setBackend(name);
  if (!ok) throw new LayerwiseError(`useBackend: backend '${name}' failed to initialise`);
  await tf.ready();
}

async function tryProvider(provider: BackendProvider): Promise<string | undefined> {
  try {
    if (tf.findBackendFactory(provider.name) == null) await provider.load();
    await activate(provider.name);
    return undefined;
  } catch (error) {
    return `${provider.name} (${provider.packageName}): ${(error as Error).message}`;
  }
}

/**
 * Chooses the tensor backend and makes it ready for training (gradients registered).
 *
 * - `'auto'` tries the known backends in order — Layerwise's WebAssembly SIMD backend
 *   (`@layerwise/backend-wasm`, on every core; it switches on V8's relaxed-SIMD flag in Node 20),
 *   then tfjs-backend-wasm, then tfjs-backend-cpu — and uses the first that is installed, loads
 *   and initialises.
 * - A known name (`'layerwise-wasm'`, `'wasm'`, `'cpu'`) loads that backend's package if needed.
 * - Any other name must be a backend already registered with tfjs-core (for instance by
 *   importing `@tensorflow/tfjs-backend-webgl` yourself).
 *
 * @example
 * ```ts
 * const { name, reason } = await useBackend('auto');
 * console.log(`training on ${name}: ${reason}`);
 * ```
 */
export async function useBackend(name: string = 'auto'): Promise<BackendReport> {
  registerAllGradients();
  if (name === 'auto') {
    const failures: string[] = [];
    for (const provider of knownBackends) {
      const failure = await tryProvider(provider);
      if (failure === undefined) {
        const why = failures.length ? ` after ${failures.join('; ')}` : '';
        return (lastReport = { name: provider.name, reason: `auto: first available of ${knownBackends.map((p) => p.name).join(', ')}${why}` });
      }
      failures.push(failure);
    }
    throw new LayerwiseError(`useBackend('auto'): no backend could be loaded. Tried ${failures.join('; ')}`);
  }
  const provider = knownBackends.find((p) => p.name === name);
  if (provider) {
    const failure = await tryProvider(provider);
    if (failure) {
      throw new LayerwiseError(`useBackend: could not use '${name}': ${failure}. Is ${provider.packageName} installed?`);
    }
    return (lastReport = { name, reason: 'chosen explicitly' });
  }
  if (tf.findBackendFactory(name) == null) {
    const known = [...knownBackends.map((p) => p.name), ...Object.keys(tf.engine().registryFactory)];
    throw new LayerwiseError(
      `useBackend: unknown backend '${name}'. Known backends: ${[...new Set(known)].join(', ')}`,
    );
  }
  await activate(name);
  return (lastReport = { name, reason: 'chosen explicitly (registered by the application)' });
}
