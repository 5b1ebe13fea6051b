import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBase64 } from '../wasm/base64.js';
import { sharedMaxPages, wasmBinaries } from '../wasm/binaries.generated.js';
import type { WasmExports } from '../wasm/abi.js';
import { ThreadPool } from './thread-pool.js';

describe('ThreadPool', () => {
  let pool: ThreadPool;
  let memory: WebAssembly.Memory;
  let base: number;

  beforeAll(async () => {
    const module = await WebAssembly.compile(decodeBase64(wasmBinaries.simdShared));
    memory = new WebAssembly.Memory({ initial: 2, maximum: sharedMaxPages, shared: true });
    const instance = await WebAssembly.instantiate(module, { env: { memory } });
    base = Math.ceil((instance.exports as unknown as WasmExports).heapBase() / 64) * 64;
    pool = await ThreadPool.start(module, memory, 3, 100);
  });

  afterAll(() => pool.terminate());

  it('runs one task per worker on the shared memory and waits for all', () => {
    const n = 1000;
    const view = new Float32Array(memory.buffer);
    const src = base;
    const dst = (w: number) => base + 4 * n * (w + 1);
    for (let i = 0; i < n; i++) view[src / 4 + i] = i;
    for (let round = 1; round <= 3; round++) {
      pool.post([0, 1, 2].map((w) => [{ fn: 'addInto', args: [dst(w), src, n] }, { fn: 'addInto', args: [dst(w), src, n - w] }]));
      pool.wait();
      for (let w = 0; w < 3; w++) {
        const out = new Float32Array(memory.buffer, dst(w), n);
        expect(out[5]).toBe(10 * round);
        expect(out[n - 1]).toBe((w === 0 ? 2 : 1) * (n - 1) * round);
      }
    }
  });

  it('wakes workers that went to sleep', async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const at = base + 4 * 8000;
    new Float32Array(memory.buffer, at, 4).fill(0);
    new Float32Array(memory.buffer, base, 4).fill(1);
    pool.post([[{ fn: 'addInto', args: [at, base, 4] }]]);
    pool.wait();
    expect(Array.from(new Float32Array(memory.buffer, at, 4))).toEqual([1, 1, 1, 1]);
  });

  it('reports a worker that failed', () => {
    // An address past the end of memory traps in the worker.
    pool.post([[{ fn: 'addInto', args: [memory.buffer.byteLength, base, 1024] }]]);
    expect(() => pool.wait()).toThrow(/worker thread failed while running addInto/);
  });
});
