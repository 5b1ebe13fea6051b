import * as tf from '@tensorflow/tfjs-core';
import { LayerwiseError } from '../errors.js';
import { knownBackends, type BackendLoadContext, type BackendProvider } from './providers.js';
import { registerAllGradients } from './register-gradients.js';
import { skipReason, type BackendReport, type SkippedBackend } from './report.js';

/** Options of `useBackend`. */
export interface UseBackendOptions {
  /**
   * Let `'auto'` choose WebGPU on a software adapter (SwiftShader), which is correct but slower than
   * the CPU backends; default false. An explicit `useBackend('webgpu')` always accepts one.
   */
  readonly allowSoftwareGpu?: boolean;
  /**
   * The candidates, in order; default `knownBackends`, which finds the optional backend packages
   * by name at run time (Node). Bundled browser apps pass the ones they ship instead, for instance
   * `[webgpuBackendProvider, wasmBackendProvider]` from `@layerwise/backend-webgpu` and
   * `@layerwise/backend-wasm`, since a bundle cannot import a package named at run time.
   */
  readonly providers?: readonly BackendProvider[];
}

let lastReport: BackendReport | undefined;

/** The report of the last `useBackend` call, if any. */
export function backendReport(): BackendReport | undefined {
  return lastReport;
}

/**
 * The backend tensors are computed on now, and why: the last `useBackend` report while that
 * backend is still active, otherwise what happened instead (tfjs-core's default because
 * `useBackend` was never called, or `tf.setBackend` by the application). `fit` passes it to
 * callbacks in `params.backend`, and the progress bar prints it.
 */
export function activeBackend(): BackendReport {
  const name = tf.getBackend();
  if (lastReport?.name === name) return lastReport;
  if (lastReport === undefined) return { name, choice: 'default', reason: "tfjs-core's default backend: useBackend was not called", skipped: [] };
  return { name, choice: 'application', reason: `switched to by the application after useBackend chose '${lastReport.name}'`, skipped: [] };
}

async function activate(name: string): Promise<void> {
  const ok = await tf.setBackend(name);
  if (!ok) throw new LayerwiseError(`useBackend: backend '${name}' failed to initialise`);
  await tf.ready();
}

async function tryProvider(provider: BackendProvider, context: BackendLoadContext): Promise<{ skipped: SkippedBackend; message: string } | undefined> {
  try {
    if (tf.findBackendFactory(provider.name) == null) await provider.load(context);
    await activate(provider.name);
    return undefined;
  } catch (error) {
    const skipped = { name: provider.name, packageName: provider.packageName, why: skipReason(provider.packageName, error) };
    return { skipped, message: `${provider.name} (${provider.packageName}): ${(error as Error).message}` };
  }
}

/**
 * Chooses the tensor backend and makes it ready for training (gradients registered).
 *
 * - `'auto'` tries the known backends in order and uses the first that is installed, loads and
 *   initialises: tfjs-node (`'tensorflow'`, through the optional `@layerwise/backend-node`), then
 *   WebGPU (through the optional `@layerwise/backend-webgpu`, only on a real GPU adapter unless
 *   `allowSoftwareGpu`), then Layerwise's WebAssembly SIMD backend (`@layerwise/backend-wasm`, on
 *   every core; it switches on V8's relaxed-SIMD flag in Node 20), then tfjs-backend-wasm, then
 *   tfjs-backend-cpu. The report lists every candidate that failed before, with its reason.
 * - A known name (`'tensorflow'`, `'webgpu'`, `'layerwise-wasm'`, `'wasm'`, `'cpu'`) loads that
 *   backend's package if needed.
 * - Any other name must be a backend already registered with tfjs-core (for instance by
 *   importing `@tensorflow/tfjs-backend-webgl` yourself).
 *
 * @example
 * ```ts
 * const { name, reason } = await useBackend('auto');
 * console.log(`training on ${name}: ${reason}`);
 * ```
 */
export async function useBackend(name: string = 'auto', options: UseBackendOptions = {}): Promise<BackendReport> {
  registerAllGradients();
  const providers = options.providers ?? knownBackends;
  const allowSoftwareGpu = options.allowSoftwareGpu === true;
  if (name === 'auto') {
    const failures: { skipped: SkippedBackend; message: string }[] = [];
    for (const provider of providers) {
      const failure = await tryProvider(provider, { explicit: false, allowSoftwareGpu });
      if (failure === undefined) {
        const why = failures.length ? ` after ${failures.map((f) => f.message).join('; ')}` : '';
        const reason = `auto: first available of ${providers.map((p) => p.name).join(', ')}${why}`;
        return (lastReport = { name: provider.name, choice: 'auto', reason, skipped: failures.map((f) => f.skipped) });
      }
      failures.push(failure);
    }
    throw new LayerwiseError(`useBackend('auto'): no backend could be loaded. Tried ${failures.map((f) => f.message).join('; ')}`);
  }
  const provider = providers.find((p) => p.name === name);
  if (provider) {
    const failure = await tryProvider(provider, { explicit: true, allowSoftwareGpu });
    if (failure) {
      throw new LayerwiseError(`useBackend: could not use '${name}': ${failure.message}. Is ${provider.packageName} installed?`);
    }
    return (lastReport = { name, choice: 'explicit', reason: 'chosen explicitly', skipped: [] });
  }
  if (tf.findBackendFactory(name) == null) {
    const known = [...providers.map((p) => p.name), ...Object.keys(tf.engine().registryFactory)];
    throw new LayerwiseError(
      `useBackend: unknown backend '${name}'. Known backends: ${[...new Set(known)].join(', ')}`,
    );
  }
  await activate(name);
  return (lastReport = { name, choice: 'application', reason: 'chosen explicitly (registered by the application)', skipped: [] });
}
