import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBase64 } from '../wasm/base64.js';
import { sharedMaxPages, wasmBinaries } from '../wasm/binaries.generated.js';
import type { WasmCall, WasmExports } from '../wasm/abi.js';
import { scratchArg } from './job-layout.js';
import { ThreadPool } from './thread-pool.js';

describe('ThreadPool', () => {
  const workers = 3;
  const n = 256;
  let pool: ThreadPool;
  let memory: WebAssembly.Memory;
  let base: number;
  const region = (i: number) => base + 4 * n * i;
  const floats = (i: number) => new Float32Array(memory.buffer, region(i), n);

  beforeAll(async () => {
    const module = await WebAssembly.compile(decodeBase64(wasmBinaries.simdShared));
    memory = new WebAssembly.Memory({ initial: 4, maximum: sharedMaxPages, shared: true });
    const instance = await WebAssembly.instantiate(module, { env: { memory } });
    base = Math.ceil((instance.exports as unknown as WasmExports).heapBase() / 64) * 64;
    pool = await ThreadPool.start(module, memory, instance.exports, workers, 100);
  });

  afterAll(() => pool.terminate());

  // Regions 0..3 hold each participant's marker (participant p: all p + 1); chunk i adds its
  // participant's marker into region 10 + i through scratch word 0.
  const runMarkedJob = (chunks: number) => {
    for (let p = 0; p <= workers; p++) floats(p).fill(p + 1);
    for (let i = 0; i < chunks; i++) floats(10 + i).fill(0);
    const job = {
      chunks: Array.from({ length: chunks }, (_, i): WasmCall[] => [{ fn: 'addInto', args: [region(10 + i), scratchArg(0), n] }]),
      scratch: Array.from({ length: workers + 1 }, (_, p) => [region(p)]),
    };
    pool.run(job);
    return Array.from({ length: chunks }, (_, i) => floats(10 + i));
  };

  it('runs every chunk exactly once, with the running thread scratch', () => {
    for (let round = 0; round < 20; round++) {
      const outputs = runMarkedJob(40);
      for (const out of outputs) {
        const marker = out[0]!;
        expect(marker).toBeGreaterThanOrEqual(1);
        expect(marker).toBeLessThanOrEqual(workers + 1);
        expect(out.every((v) => v === marker)).toBe(true);
      }
    }
  });

  it('wakes workers that went to sleep', async () => {
    await new Promise((resolve) => setTimeout(resolve, 30));
    const outputs = runMarkedJob(8);
    expect(outputs.every((out) => out[0]! >= 1 && out[n - 1] === out[0])).toBe(true);
  });

  it('reports a chunk that failed, and keeps working afterwards', () => {
    // An address past the end of memory traps.
    const bad: WasmCall[] = [{ fn: 'addInto', args: [memory.buffer.byteLength, region(0), 1024] }];
    const job = { chunks: Array.from({ length: 8 }, () => bad), scratch: Array.from({ length: workers + 1 }, () => []) };
    expect(() => pool.run(job)).toThrow();
    expect(runMarkedJob(4).every((out) => out[0]! >= 1)).toBe(true);
  });
});
