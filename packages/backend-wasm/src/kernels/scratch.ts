import type { WasmRuntime } from '../wasm/runtime.js';

/**
 * Allocates the scratch words (addresses) of every thread that may run a job's chunks: `make`
 * is called once per participant, main thread first.
 */
export function scratchPerThread(runtime: WasmRuntime, make: () => number[]): number[][] {
  return Array.from({ length: runtime.threads }, make);
}

export { scratchArg } from '../threads/job-layout.js';
