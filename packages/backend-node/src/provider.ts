import type { BackendProvider } from '@layerwise/core';
import { registerNodeBackend } from './register.js';

/**
 * tfjs-node (`'tensorflow'`) as a `useBackend` candidate: loads when `@tensorflow/tfjs-node` is
 * installed and its native library loads; otherwise fails with the reason `registerNodeBackend`
 * gives, and `useBackend('auto')` goes on to the next candidate. `'auto'` finds this package by
 * itself; pass it in `providers` to choose the candidates and their order yourself.
 *
 * @example
 * ```ts
 * import { useBackend } from '@layerwise/core';
 * import { nodeBackendProvider } from '@layerwise/backend-node';
 * import { wasmBackendProvider } from '@layerwise/backend-wasm';
 *
 * await useBackend('auto', { providers: [nodeBackendProvider, wasmBackendProvider] });
 * ```
 */
export const nodeBackendProvider: BackendProvider = {
  name: 'tensorflow',
  packageName: '@layerwise/backend-node',
  async load() {
    await registerNodeBackend();
  },
};
