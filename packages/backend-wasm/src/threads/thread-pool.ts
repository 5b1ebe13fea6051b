import { LayerwiseError } from '@layerwise/core';
import { wasmCallNames } from '../wasm/abi.js';
import type { WasmCall } from '../wasm/abi.js';
import { importNodeBuiltin, isNode } from '../wasm/node-builtin.js';
import { jobLayout as L } from './job-layout.js';
import { workerSource } from './worker-source.js';

const STALL_MS = 120_000; // a job this late has a dead worker

/** Work for the pool: chunks (lists of calls) any participant may run, and each one's scratch. */
export interface Job {
  /** The chunks, claimed one at a time by whichever participant is free. */
  readonly chunks: readonly (readonly WasmCall[])[];
  /** Scratch words (addresses) of each participant, main thread first; see `scratchArg`. */
  readonly scratch: readonly (readonly number[])[];
}

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
 * Worker threads sharing the module's memory. A job's chunks go into shared memory; the main
 * thread wakes the workers and claims chunks itself like any of them, so a worker that wakes late
 * (or not at all, on a busy machine) only means the main thread does more. Idle workers spin for
 * `spinMicros` before sleeping in Atomics.wait, so back-to-back kernels skip the 0.1-0.4 ms wake-up.
 */
export class ThreadPool {
  private jobId = 0;
  private wake = 0;
  private readonly args: number[] = [];

  private constructor(
    private readonly workers: WorkerHandle[],
    private readonly control: Int32Array,
    private readonly data: Float64Array,
    private readonly fns: ((...args: number[]) => void)[],
  ) {}

  /** Whether this environment can start workers (Node's worker_threads, or Web Workers). */
  static supported(): boolean {
    if (isNode()) return true;
    return typeof Worker !== 'undefined' && typeof Blob !== 'undefined' && typeof URL?.createObjectURL === 'function';
  }

  /**
   * Starts `size` workers on `module` and the shared `memory`; `exports` are the main thread's
   * instance of the same module. Resolves once every worker has instantiated it.
   */
  static async start(
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
    exports: WebAssembly.Exports,
    size: number,
    spinMicros: number,
  ): Promise<ThreadPool> {
    const control = new SharedArrayBuffer(L.CONTROL_WORDS * 4);
    const job = new SharedArrayBuffer(L.JOB_WORDS * 8);
    const names = [...wasmCallNames];
    const workers: WorkerHandle[] = [];
    const ready: Promise<void>[] = [];
    const nodeWorkers = await importNodeBuiltin<NodeWorkerModule>('worker_threads');
    let blobUrl: string | undefined;
    for (let w = 0; w < size; w++) {
      const init = { module, memory, control, job, participant: w + 1, names, spinMicros, layout: { ...L } };
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
    const fns = names.map((name) => exports[name] as (...args: number[]) => void);
    return new ThreadPool(workers, new Int32Array(control), new Float64Array(job), fns);
  }

  /** Number of workers (participants besides the main thread). */
  get size(): number {
    return this.workers.length;
  }

  /** Runs a job on the workers and the calling thread; returns when every chunk is done. */
  run(job: Job): void {
    const count = job.chunks.length;
    if (count === 0) return;
    const { control, data } = this;
    this.encode(job);
    Atomics.store(control, L.DONE, 0);
    Atomics.store(control, L.ERROR, 0);
    Atomics.store(control, L.CLAIM, this.jobId << L.INDEX_BITS);
    if (count > 1) {
      Atomics.store(control, L.WAKE, (this.wake = (this.wake % 0x3fffffff) + 1));
      Atomics.notify(control, L.WAKE);
    }
    let failure: unknown;
    for (;;) {
      const claim = Atomics.add(control, L.CLAIM, 1);
      const index = claim & L.INDEX_MASK;
      if (index >= count) break;
      try {
        this.runChunk(index);
      } catch (error) {
        failure ??= error;
      }
      Atomics.add(control, L.DONE, 1);
    }
    const started = performance.now();
    // Busy-wait for chunks still running on workers: the main thread of a page may not block.
    for (let spins = 1; Atomics.load(control, L.DONE) !== count; spins++) {
      if ((spins & 0xfffff) === 0 && performance.now() - started > STALL_MS) {
        throw new LayerwiseError(`layerwise-wasm: worker threads did not finish within ${STALL_MS / 1000} s`);
      }
    }
    data[L.H_JOB] = -1;
    if (failure !== undefined) throw failure;
    if (Atomics.load(control, L.ERROR) !== 0) {
      const names = [...new Set(job.chunks.flatMap((c) => c.map((call) => call.fn)))].join(', ');
      throw new LayerwiseError(`layerwise-wasm: a worker thread failed while running ${names}`);
    }
  }

  /** Stops every worker. */
  terminate(): void {
    Atomics.store(this.control, L.WAKE, -1);
    Atomics.notify(this.control, L.WAKE);
    for (const worker of this.workers) worker.terminate();
    this.workers.length = 0;
  }

  private encode(job: Job): void {
    const { data } = this;
    const participants = this.workers.length + 1;
    if (job.scratch.length !== participants) {
      throw new LayerwiseError(`layerwise-wasm: a job needs scratch for ${participants} threads, got ${job.scratch.length}`);
    }
    this.jobId = (this.jobId % 4095) + 1;
    const perParticipant = Math.max(0, ...job.scratch.map((s) => s.length));
    data[L.H_COUNT] = job.chunks.length;
    data[L.H_PARTICIPANTS] = participants;
    data[L.H_SCRATCH] = perParticipant;
    job.scratch.forEach((words, p) => words.forEach((v, k) => (data[L.HEADER + p * perParticipant + k] = v)));
    const offsets = L.HEADER + participants * perParticipant;
    let at = offsets + job.chunks.length;
    job.chunks.forEach((calls, i) => {
      data[offsets + i] = at;
      data[at++] = calls.length;
      for (const { fn, args } of calls) {
        if (at + 2 + args.length >= L.JOB_WORDS) throw new LayerwiseError('layerwise-wasm: job too large for the thread pool');
        data[at] = wasmCallNames.indexOf(fn);
        data[at + 1] = args.length;
        for (let k = 0; k < args.length; k++) data[at + 2 + k] = args[k]!;
        at += 2 + args.length;
      }
    });
    data[L.H_JOB] = this.jobId;
  }

  private runChunk(index: number): void {
    const { data, args } = this;
    const perParticipant = data[L.H_SCRATCH]!;
    let at = data[L.HEADER + data[L.H_PARTICIPANTS]! * perParticipant + index]!;
    const calls = data[at++]!;
    for (let c = 0; c < calls; c++) {
      const fn = this.fns[data[at]!]!;
      const n = data[at + 1]!;
      args.length = n;
      for (let k = 0; k < n; k++) {
        const v = data[at + 2 + k]!;
        args[k] = v < 0 ? data[L.HEADER - v - 1]! : v;
      }
      at += 2 + n;
      fn(...args);
    }
  }
}
