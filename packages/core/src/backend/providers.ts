/** What a provider's `load` is told about the request. */
export interface BackendLoadContext {
  /** True when the backend was named explicitly, false when `'auto'` is trying it. */
  readonly explicit: boolean;
  /** Whether a software GPU adapter (SwiftShader) is acceptable; see `UseBackendOptions`. */
  readonly allowSoftwareGpu: boolean;
}

/** A backend provider: how to load a tfjs backend package, under the name it registers. */
export interface BackendProvider {
  /** The name the backend registers with tfjs-core (`'wasm'`, `'cpu'`). */
  readonly name: string;
  /** The npm package that provides it, named in error messages. */
  readonly packageName: string;
  /** Imports the package (which registers the backend with tfjs-core); throws with the reason when it cannot. */
  load(context?: BackendLoadContext): Promise<unknown>;
}

/** Imports an optional package; the specifier is a variable so that neither TypeScript nor bundlers require it. */
function importOptional<T>(specifier: string): Promise<T> {
  return import(/* @vite-ignore */ specifier) as Promise<T>;
}

/** What `useBackend` needs of `@layerwise/backend-wasm`. */
interface LayerwiseWasmModule {
  registerWasmBackend(options: { threads?: number; enableV8RelaxedSimdFlag?: boolean }): boolean;
  defaultThreadCount(): Promise<number>;
}

/** What `useBackend` needs of `@layerwise/backend-node`. */
interface LayerwiseNodeModule {
  registerNodeBackend(): Promise<unknown>;
}

/** What `useBackend` needs of `@layerwise/backend-webgpu`. */
interface LayerwiseWebGpuModule {
  registerWebGpuBackend(options: { allowSoftwareAdapter?: boolean }): Promise<unknown>;
}

/** Loads Layerwise's own WebAssembly SIMD backend when the application installed it. */
async function loadLayerwiseWasm(): Promise<void> {
  const module = await importOptional<LayerwiseWasmModule>('@layerwise/backend-wasm');
  module.registerWasmBackend({ threads: await module.defaultThreadCount(), enableV8RelaxedSimdFlag: true });
}

/** Loads tfjs-node through `@layerwise/backend-node`, which explains why it cannot when it cannot. */
async function loadNode(): Promise<void> {
  const module = await importOptional<LayerwiseNodeModule>('@layerwise/backend-node');
  await module.registerNodeBackend();
}

/**
 * Loads WebGPU through `@layerwise/backend-webgpu`. A software adapter is refused unless allowed,
 * or the backend was named explicitly.
 */
async function loadWebGpu(context?: BackendLoadContext): Promise<void> {
  const module = await importOptional<LayerwiseWebGpuModule>('@layerwise/backend-webgpu');
  await module.registerWebGpuBackend({ allowSoftwareAdapter: context?.explicit === true || context?.allowSoftwareGpu === true });
}

/** The backends `useBackend` knows how to load, in the order `'auto'` tries them. */
export const knownBackends: readonly BackendProvider[] = [
  { name: 'tensorflow', packageName: '@layerwise/backend-node', load: loadNode },
  { name: 'webgpu', packageName: '@layerwise/backend-webgpu', load: loadWebGpu },
  { name: 'layerwise-wasm', packageName: '@layerwise/backend-wasm', load: loadLayerwiseWasm },
  { name: 'wasm', packageName: '@tensorflow/tfjs-backend-wasm', load: () => import('@tensorflow/tfjs-backend-wasm') },
  { name: 'cpu', packageName: '@tensorflow/tfjs-backend-cpu', load: () => import('@tensorflow/tfjs-backend-cpu') },
];
