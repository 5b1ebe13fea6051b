import * as tf from '@tensorflow/tfjs-core';
import type { KernelFunc } from '@tensorflow/tfjs-core';
import { checkInteger, invalidArgument, registerAllGradients } from '@layerwise/core';
import { wasmKernelConfigs } from '../kernels/index.js';
import { WasmRuntime } from '../wasm/runtime.js';
import { LayerwiseWasmBackend } from './backend.js';
import { WASM_BACKEND_NAME } from './backend-name.js';

/** Options of {@link registerWasmBackend}. */
export interface WasmBackendOptions {
  /**
   * Threads the matrix products, convolutions and pooling split over, the calling one included.
   * Default 1. More than 1 needs SharedArrayBuffer (in browsers, a cross-origin-isolated page)
   * and worker threads; without them the backend runs on one thread and says why in `info`.
   */
  threads?: number;
  /**
   * Use a SIMD build when the engine validates WebAssembly SIMD. Default true; false forces the
   * scalar build (WebAssembly 1.0), which is otherwise chosen only for engines without SIMD.
   */
  simd?: boolean;
  /**
   * Use the relaxed-SIMD build (fused multiply-add, 20-25% faster GEMM) when the engine validates
   * it. Default true. Results then differ from the plain build in the last bits.
   */
  relaxedSimd?: boolean;
  /**
   * Node only: when the engine does not validate relaxed SIMD (Node 20), turn on V8's
   * `--experimental-wasm-relaxed-simd` flag (process-wide) before compiling. Default false.
   */
  enableV8RelaxedSimdFlag?: boolean;
  /** Microseconds idle worker threads spin before sleeping (default 300). */
  spinMicros?: number;
  /**
   * MiB of released output arrays kept for reuse (default 256; 0 turns reuse off). A training
   * step allocates the same sizes every step; reusing them skips the cost of fresh memory pages,
   * which exceeds the arithmetic of most elementwise ops. Values read back (`dataSync`, `data`)
   * are then copies.
   */
  bufferPoolMB?: number;
  /**
   * Keep the float32 outputs of this backend's kernels in WebAssembly memory (default true), so
   * kernels read and write tensors in place instead of copying them in and out (~0.25 ns per
   * float each way; the elementwise operations then run 3-4x faster). Needs SharedArrayBuffer
   * (in browsers, a cross-origin-isolated page); without it, or when the memory cannot grow
   * further (2 GiB), outputs are ordinary arrays. `wasmBackendInfo().residentTensors` says which.
   */
  residentTensors?: boolean;
  /** tfjs backend priority (default 0: never chosen automatically over cpu; call `tf.setBackend`). */
  priority?: number;
}

/**
 * Registers the `'layerwise-wasm'` backend with tfjs-core: tfjs-backend-cpu's backend with its
 * matrix products, convolutions and pooling (and their gradients) replaced by WebAssembly SIMD
 * kernels. Every tfjs-backend-cpu kernel is registered for it too, so every op works. Also
 * registers tfjs' gradients (as `useBackend` does), so training works.
 *
 * The module compiles when the backend is first used: `await tf.setBackend('layerwise-wasm')`.
 * Returns false, and changes nothing, when the backend is already registered (remove it first
 * with `tf.removeBackend('layerwise-wasm')` to register it with other options).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { registerWasmBackend, wasmBackendInfo } from '@layerwise/backend-wasm';
 *
 * registerWasmBackend({ threads: 2 });
 * await tf.setBackend('layerwise-wasm');
 * console.log(wasmBackendInfo()); // { variant: 'relaxedSimdShared', threads: 2, ... }
 * ```
 */
export function registerWasmBackend(options: WasmBackendOptions = {}): boolean {
  const threads = checkInteger('registerWasmBackend', 'threads', options.threads ?? 1);
  const spinMicros = options.spinMicros ?? 300;
  if (typeof spinMicros !== 'number' || !(spinMicros >= 0)) {
    throw invalidArgument({ owner: 'registerWasmBackend', argument: 'spinMicros', expected: 'a number >= 0', received: spinMicros });
  }
  const bufferPoolMB = options.bufferPoolMB ?? 256;
  if (typeof bufferPoolMB !== 'number' || !(bufferPoolMB >= 0)) {
    throw invalidArgument({ owner: 'registerWasmBackend', argument: 'bufferPoolMB', expected: 'a number >= 0', received: bufferPoolMB });
  }
  registerAllGradients();
  if (tf.findBackendFactory(WASM_BACKEND_NAME) != null) return false;

  const cpuKernels = new Map<string, KernelFunc>();
  for (const config of tf.getKernelsForBackend('cpu')) cpuKernels.set(config.kernelName, config.kernelFunc);
  for (const config of wasmKernelConfigs) {
    if (tf.getKernel(config.kernelName, WASM_BACKEND_NAME) == null) tf.registerKernel(config);
  }
  for (const config of tf.getKernelsForBackend('cpu')) {
    if (tf.getKernel(config.kernelName, WASM_BACKEND_NAME) == null) {
      tf.registerKernel({ ...config, backendName: WASM_BACKEND_NAME });
    }
  }
  const runtimeOptions = {
    threads,
    simd: options.simd ?? true,
    relaxedSimd: options.relaxedSimd ?? true,
    residentTensors: options.residentTensors ?? true,
    enableV8RelaxedSimdFlag: options.enableV8RelaxedSimdFlag ?? false,
    spinMicros,
  };
  tf.registerBackend(
    WASM_BACKEND_NAME,
    async () => new LayerwiseWasmBackend(await WasmRuntime.create(runtimeOptions), cpuKernels, bufferPoolMB * 2 ** 20),
    options.priority ?? 0,
  );
  return true;
}
