import { LayerwiseError } from '@layerwise/core';
import type { WasmCall, WasmExports } from './abi.js';
import { Arena } from './arena.js';
import { WasmHeap } from './heap.js';
import { decodeBase64 } from './base64.js';
import { sharedMaxPages, wasmBinaries } from './binaries.generated.js';
import { chooseVariant, detectFeatures, enableV8RelaxedSimd } from './features.js';
import type { WasmFeatures, WasmVariant } from './features.js';
import { ThreadPool } from '../threads/thread-pool.js';
import type { Job } from '../threads/thread-pool.js';

/** How the runtime was set up: which module variant runs, on how many threads, and why. */
export interface WasmRuntimeInfo {
  /**
   * The compiled variant in use: `'relaxedSimd'`, `'simd'` or `'scalar'` (no SIMD), or their
   * `*Shared` forms (shared memory: for threads, and for tensors kept in WebAssembly memory).
   */
  readonly variant: WasmVariant;
  /** The engine's features, as detected. */
  readonly features: WasmFeatures;
  /** Threads the kernels split work over (1 = the calling thread only). */
  readonly threads: number;
  /** Why fewer threads run than were asked for, if so. */
  readonly threadsNote?: string;
  /** Whether the kernels' float32 outputs live in WebAssembly memory (no copies in and out). */
  readonly residentTensors: boolean;
  /** Why tensors are not kept in WebAssembly memory when that was asked for, if so. */
  readonly residentNote?: string;
}

/** Options of {@link WasmRuntime.create}, already resolved by the caller. */
export interface WasmRuntimeOptions {
  /** Threads wanted, including the calling one. */
  readonly threads: number;
  /** Whether SIMD may be used when the engine supports it (false: the scalar build). */
  readonly simd: boolean;
  /** Whether relaxed SIMD may be used when the engine supports it. */
  readonly relaxedSimd: boolean;
  /** Whether to turn on V8's relaxed-SIMD flag in Node when it is off. */
  readonly enableV8RelaxedSimdFlag: boolean;
  /** How long (microseconds) idle workers spin before sleeping in Atomics.wait. */
  readonly spinMicros: number;
  /** Whether to keep the kernels' outputs in WebAssembly memory (needs shared memory). */
  readonly residentTensors: boolean;
}

const INITIAL_PAGES = 256; // 16 MiB

/**
 * One instantiated module with its memory, the allocator over that memory and the per-call
 * scratch arena, plus the worker threads that share them. Kernels allocate from {@link arena},
 * copy inputs in (unless they are resident already), and {@link run} lists of calls.
 */
export class WasmRuntime {
  private constructor(
    readonly exports: WasmExports,
    readonly memory: WebAssembly.Memory,
    readonly heap: WasmHeap,
    readonly arena: Arena,
    readonly info: WasmRuntimeInfo,
    private readonly pool: ThreadPool | undefined,
  ) {}

  /** Compiles and instantiates the best variant for this engine and starts the worker threads. */
  static async create(options: WasmRuntimeOptions): Promise<WasmRuntime> {
    if (options.simd && options.relaxedSimd && options.enableV8RelaxedSimdFlag) await enableV8RelaxedSimd();
    const features = detectFeatures();
    if (!features.webAssembly) {
      throw new LayerwiseError(
        'registerWasmBackend: this JavaScript engine cannot run WebAssembly, which layerwise-wasm requires. ' +
          'Use the cpu backend instead.',
      );
    }
    let threads = Math.max(1, Math.floor(options.threads));
    let threadsNote: string | undefined;
    let residentNote: string | undefined;
    const noSharedMemory = 'SharedArrayBuffer is unavailable (in browsers the page must be cross-origin isolated)';
    if (threads > 1 && !features.sharedMemory) {
      threadsNote = noSharedMemory;
      threads = 1;
    }
    if (threads > 1 && !ThreadPool.supported()) {
      threadsNote = 'worker threads are unavailable in this environment';
      threads = 1;
    }
    if (options.residentTensors && !features.sharedMemory) residentNote = noSharedMemory;
    let shared = features.sharedMemory && (threads > 1 || options.residentTensors);
    let memory: WebAssembly.Memory;
    try {
      memory = shared
        ? new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum: sharedMaxPages, shared: true })
        : new WebAssembly.Memory({ initial: INITIAL_PAGES });
    } catch (error) {
      // A 2 GiB shared memory must reserve its address space up front, which can fail (32-bit engines).
      const why = `the shared WebAssembly memory could not be created (${(error as Error).message})`;
      if (threads > 1) threadsNote = why;
      if (options.residentTensors) residentNote = why;
      threads = 1;
      shared = false;
      memory = new WebAssembly.Memory({ initial: INITIAL_PAGES });
    }
    const variant = chooseVariant(features, { simd: options.simd, relaxedSimd: options.relaxedSimd, shared });
    const module = await WebAssembly.compile(decodeBase64(wasmBinaries[variant]));
    const instance = await WebAssembly.instantiate(module, { env: { memory } });
    const exports = instance.exports as unknown as WasmExports;
    let pool: ThreadPool | undefined;
    if (threads > 1) {
      try {
        pool = await ThreadPool.start(module, memory, instance.exports, threads - 1, options.spinMicros);
      } catch (error) {
        threadsNote = `worker threads failed to start: ${(error as Error).message}`;
        threads = 1;
      }
    }
    const heap = new WasmHeap(memory, exports.heapBase());
    const arena = new Arena(heap);
    const info: WasmRuntimeInfo = {
      variant,
      features,
      threads,
      residentTensors: shared && options.residentTensors,
      ...(threadsNote ? { threadsNote } : {}),
      ...(residentNote ? { residentNote } : {}),
    };
    return new WasmRuntime(exports, memory, heap, arena, info, pool);
  }

  /** Threads available to split work over, the calling one included. */
  get threads(): number {
    return this.pool ? this.pool.size + 1 : 1;
  }

  /**
   * Runs a job: its chunks are shared out between the calling thread and the workers (with one
   * thread, all run here). Chunks must write disjoint memory, apart from per-participant scratch.
   */
  run(job: Job): void {
    if (this.pool && job.chunks.length > 1) {
      this.pool.run(job);
      return;
    }
    const scratch = job.scratch[0] ?? [];
    for (const chunk of job.chunks) {
      this.call(chunk.map(({ fn, args }) => ({ fn, args: args.map((v) => (v < 0 ? scratch[-v - 1]! : v)) })));
    }
  }

  /** Runs calls on the calling thread (no scratch references). */
  call(calls: readonly WasmCall[]): void {
    const exports = this.exports as unknown as Record<string, (...args: number[]) => void>;
    for (const { fn, args } of calls) exports[fn]!(...args);
  }

  /** Stops the worker threads. */
  dispose(): void {
    this.pool?.terminate();
  }
}
