import type { BackendProvider } from '@layerwise/core';
import { WASM_BACKEND_NAME } from './backend-name.js';
import { defaultThreadCount } from './default-threads.js';
import { registerWasmBackend } from './register.js';

/**
 * Layerwise's WebAssembly backend as a `useBackend` candidate: on every core (`defaultThreadCount`;
 * threads need a cross-origin-isolated page in browsers) with V8's relaxed-SIMD flag on in Node 20.
 * `useBackend('auto')` finds this package by itself in Node; bundled browser apps pass the
 * candidates they ship, since a bundle cannot import packages by a name chosen at run time.
 *
 * @example
 * ```ts
 * import { useBackend } from '@layerwise/core';
 * import { wasmBackendProvider } from '@layerwise/backend-wasm';
 * import { webgpuBackendProvider } from '@layerwise/backend-webgpu';
 *
 * const report = await useBackend('auto', { providers: [webgpuBackendProvider, wasmBackendProvider] });
 * ```
 */
export const wasmBackendProvider: BackendProvider = {
  name: WASM_BACKEND_NAME,
  packageName: '@layerwise/backend-wasm',
  async load() {
    registerWasmBackend({ threads: await defaultThreadCount(), enableV8RelaxedSimdFlag: true });
  },
};
