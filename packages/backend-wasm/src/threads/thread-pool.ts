import { LayerwiseError } from '@layerwise/core';
import { wasmCallNames } from '../wasm/abi.js';
import type { WasmCall } from '../wasm/abi.js';
import { importNodeBuiltin, isNode } from '../wasm/node-builtin.js';
import { workerSource } from './worker-source.js';

const LINE = 16; // Int32 words per worker's control line (64 bytes)
const SLOT_SIZE = 128; // Float64 words per worker's task slot
const STALL_MS = 120_000; // a worker this late has died

interface WorkerHandle {
  postMessage(message: unknown): void;
  terminate(): unknown;
}

interface NodeWorkerModule {
  Worker: new (source: string, options: { eval: true }) => WorkerHandle & {
    once(event: 'message' | 'error', listener: (value: never) => void): void;
    unref(): void;
  };
}

type Ready = { type: 'ready' } | { type: 'error'; message: string };

/**
 * Worker threads sharing the module's memory. The main thread posts one task (a list of calls)
 * per worker through shared control words, runs its own share, then spins until every worker
 * reports completion. Idle workers spin for `spinMicros` before sleeping in Atomics.wait, so
 * back-to-back kernels do not pay the 0.1-0.4 ms wake-up.
 */
export class ThreadPool {
  private generation = 0;

  private constructor(
    private readonly workers: WorkerHandle[],
    private readonly control: Int32Array,
    private readonly slots: Float64Array,
    private readonly pending: { count: number; calls: readonly (readonly WasmCall[])[] },
  ) {}

  /** Whether this environment can start workers (Node's worker_threads, or Web Workers). */
  static supported(): boolean {
    if (isNode()) return true;
    return typeof Worker !== 'undefined' && typeof Blob !== 'undefined' && typeof URL?.createObjectURL === 'function';
  }

  /** Starts `size` workers on `module` and the shared `memory`; resolves once all instantiated. */
  static async start(module: WebAssembly.Module, memory: WebAssembly.Memory, size: number, spinMicros: number): Promise<ThreadPool> {
    const control = new SharedArrayBuffer(size * LINE * 4);
    const slots = new SharedArrayBuffer(size * SLOT_SIZE * 8);
    const names = [...wasmCallNames];
    const workers: WorkerHandle[] = [];
    const ready: Promise<void>[] = [];
    const nodeWorkers = await importNodeBuiltin<NodeWorkerModule>('worker_threads');
    let blobUrl: string | undefined;
    for (let index = 0; index < size; index++) {
      const init = { module, memory, control, slots, index, names, slotSize: SLOT_SIZE, spinMicros };
      if (nodeWorkers) {
        const worker = new nodeWorkers.Worker(workerSource, { eval: true });
        worker.unref();
        ready.push(
          new Promise<void>((resolve, reject) => {
            worker.once('message', (m: Ready) => (m.type === 'ready' ? resolve() : reject(new Error(m.message))));
            worker.once('error', (e: Error) => reject(e));
          }),
        );
        worker.postMessage(init);
        workers.push(worker);
      } else {
        blobUrl ??= URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
        const worker = new Worker(blobUrl);
        ready.push(
          new Promise<void>((resolve, reject) => {
            worker.onmessage = (e: MessageEvent<Ready>) =>
              e.data.type === 'ready' ? resolve() : reject(new Error(e.data.message));
            worker.onerror = (e) => reject(new Error(e.message));
          }),
        );
        worker.postMessage(init);
        workers.push(worker);
      }
    }
    try {
      await Promise.all(ready);
    } catch (error) {
      for (const worker of workers) worker.terminate();
      throw error;
    } finally {
      if (blobUrl) URL.revokeObjectURL(blobUrl);
    }
    return new ThreadPool(workers, new Int32Array(control), new Float64Array(slots), { count: 0, calls: [] });
  }

  /** Number of workers. */
  get size(): number {
    return this.workers.length;
  }

  /** Hands `tasks[i]` to worker i (at most one task per worker) and wakes the workers. */
  post(tasks: readonly (readonly WasmCall[])[]): void {
    if (tasks.length > this.workers.length) {
      throw new LayerwiseError(`layerwise-wasm: ${tasks.length} tasks for ${this.workers.length} workers`);
    }
    const generation = ++this.generation;
    tasks.forEach((calls, w) => {
      this.encode(w, calls);
      Atomics.store(this.control, w * LINE, generation);
      Atomics.notify(this.control, w * LINE);
    });
    this.pending.count = tasks.length;
    this.pending.calls = tasks;
  }

  /** Spins until the workers given the last {@link post} are done; throws if one failed. */
  wait(): void {
    const generation = this.generation;
    const started = performance.now();
    for (let w = 0; w < this.pending.count; w++) {
      // Busy-wait: the main thread of a browser page may not block.
      for (let spins = 1; Atomics.load(this.control, w * LINE + 1) !== generation; spins++) {
        if ((spins & 0xfffff) === 0 && performance.now() - started > STALL_MS) {
          throw new LayerwiseError(`layerwise-wasm: worker thread ${w} did not finish within ${STALL_MS / 1000} s`);
        }
      }
    }
    for (let w = 0; w < this.pending.count; w++) {
      if (Atomics.load(this.control, w * LINE + 2) !== 0) {
        const names = this.pending.calls[w]!.map((c) => c.fn).join(', ');
        throw new LayerwiseError(`layerwise-wasm: a worker thread failed while running ${names}`);
      }
    }
    this.pending.count = 0;
  }

  /** Stops every worker. */
  terminate(): void {
    for (let w = 0; w < this.workers.length; w++) {
      Atomics.store(this.control, w * LINE, -1);
      Atomics.notify(this.control, w * LINE);
    }
    for (const worker of this.workers) worker.terminate();
    this.workers.length = 0;
  }

  private encode(w: number, calls: readonly WasmCall[]): void {
    const slot = this.slots;
    const base = w * SLOT_SIZE;
    let at = base + 1;
    for (const { fn, args } of calls) {
      if (at + 2 + args.length > base + SLOT_SIZE) {
        throw new LayerwiseError(`layerwise-wasm: too many call arguments for one worker task (${calls.length} calls)`);
      }
      slot[at] = wasmCallNames.indexOf(fn);
      slot[at + 1] = args.length;
      for (let i = 0; i < args.length; i++) slot[at + 2 + i] = args[i]!;
      at += 2 + args.length;
    }
    slot[base] = calls.length;
  }
}
