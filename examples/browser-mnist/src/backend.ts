import { useBackend, type BackendProvider, type BackendReport } from '@layerwise/core';
import { wasmBackendProvider } from '@layerwise/backend-wasm';
import { webgpuBackendProvider } from '@layerwise/backend-webgpu';
import type { BackendChoice } from './settings.js';

/** tfjs' JavaScript backend, the last resort. */
const cpuProvider: BackendProvider = { name: 'cpu', packageName: '@tensorflow/tfjs-backend-cpu', load: () => import('@tensorflow/tfjs-backend-cpu') };

/**
 * The backends this page ships, in the order `'auto'` tries them: WebGPU on a real GPU (a software
 * adapter such as SwiftShader is skipped, being slower than WebAssembly), then Layerwise's
 * WebAssembly backend (on every core when the page is cross-origin isolated), then tfjs' cpu.
 * A bundle cannot import packages named at run time, so the page passes them to `useBackend`.
 */
export const PAGE_BACKENDS: readonly BackendProvider[] = [webgpuBackendProvider, wasmBackendProvider, cpuProvider];

/** Activates the chosen backend (or the first that works, for `'auto'`) and says what was chosen and why. */
export function chooseBackend(choice: BackendChoice): Promise<BackendReport> {
  return useBackend(choice, { providers: PAGE_BACKENDS });
}
