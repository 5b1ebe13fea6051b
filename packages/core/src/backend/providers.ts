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

/** A Layerwise backend package: it exports its provider under `exportName`. */
function packageProvider(name: string, packageName: string, exportName: string): BackendProvider {
  return {
    name,
    packageName,
    async load(context) {
      const module = await importOptional<Record<string, BackendProvider | undefined>>(packageName);
      const provider = module[exportName];
      if (provider === undefined) throw new Error(`${packageName} has no ${exportName}: install a version that matches @layerwise/core`);
      await provider.load(context);
    },
  };
}

/** The backends `useBackend` knows how to load, in the order `'auto'` tries them (pure: bundles drop the list when `useBackend` is not used). */
export const knownBackends: readonly BackendProvider[] = [
  /* @__PURE__ */ packageProvider('tensorflow', '@layerwise/backend-node', 'nodeBackendProvider'),
  /* @__PURE__ */ packageProvider('webgpu', '@layerwise/backend-webgpu', 'webgpuBackendProvider'),
  /* @__PURE__ */ packageProvider('layerwise-wasm', '@layerwise/backend-wasm', 'wasmBackendProvider'),
  { name: 'wasm', packageName: '@tensorflow/tfjs-backend-wasm', load: () => import('@tensorflow/tfjs-backend-wasm') },
  { name: 'cpu', packageName: '@tensorflow/tfjs-backend-cpu', load: () => import('@tensorflow/tfjs-backend-cpu') },
];
