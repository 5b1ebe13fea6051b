import type { BackendProvider } from '@layerwise/core';
import { registerWebGpuBackend } from './register.js';

/**
 * WebGPU as a `useBackend` candidate. A software adapter (SwiftShader) is refused when `'auto'`
 * tries it, unless `useBackend('auto', { allowSoftwareGpu: true })`, and accepted when the backend
 * is named (`useBackend('webgpu')`). `useBackend('auto')` finds this package by itself in Node;
 * bundled browser apps pass the candidates they ship.
 *
 * @example
 * ```ts
 * import { useBackend } from '@layerwise/core';
 * import { wasmBackendProvider } from '@layerwise/backend-wasm';
 * import { webgpuBackendProvider } from '@layerwise/backend-webgpu';
 *
 * const report = await useBackend('auto', { providers: [webgpuBackendProvider, wasmBackendProvider] });
 * console.log(report.name, report.skipped); // e.g. 'layerwise-wasm', [{ name: 'webgpu', why: '...' }]
 * ```
 */
export const webgpuBackendProvider: BackendProvider = {
  name: 'webgpu',
  packageName: '@layerwise/backend-webgpu',
  async load(context) {
    await registerWebGpuBackend({ allowSoftwareAdapter: context?.explicit === true || context?.allowSoftwareGpu === true });
  },
};
