import { describe, expect, it } from 'vitest';
import { LayerwiseError } from '@layerwise/core';
import { Arena } from './arena.js';
import { WasmHeap } from './heap.js';

const PAGE = 65536;

describe('WasmHeap', () => {
  it('allocates aligned blocks above the base and reuses freed ones', () => {
    const heap = new WasmHeap(new WebAssembly.Memory({ initial: 1, maximum: 8 }), 100);
    const a = heap.alloc(10);
    const b = heap.alloc(100);
    expect(a).toBe(128);
    expect(b).toBe(192);
    heap.release(a);
    expect(heap.alloc(64)).toBe(128);
    expect(heap.usedBytes).toBe(64 + 128);
  });

  it('merges freed neighbours, so a larger block fits where two smaller ones were', () => {
    const heap = new WasmHeap(new WebAssembly.Memory({ initial: 1, maximum: 1 }), 0);
    const blocks = [heap.alloc(1000), heap.alloc(1000), heap.alloc(1000)];
    heap.release(blocks[0]!);
    heap.release(blocks[2]!);
    heap.release(blocks[1]!);
    expect(heap.usedBytes).toBe(0);
    expect(heap.alloc(PAGE)).toBe(0);
  });

  it('picks the smallest free block that fits', () => {
    const heap = new WasmHeap(new WebAssembly.Memory({ initial: 1, maximum: 1 }), 0);
    const [big, , small] = [heap.alloc(4096), heap.alloc(64), heap.alloc(1024), heap.alloc(64)];
    heap.release(big!);
    heap.release(small!);
    expect(heap.alloc(1000)).toBe(small);
  });

  it('grows the memory when nothing fits, and says when it cannot', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 40 });
    const heap = new WasmHeap(memory, 0);
    heap.alloc(PAGE - 64);
    const at = heap.alloc(PAGE);
    expect(at).toBe(PAGE - 64);
    expect(heap.capacity).toBeGreaterThanOrEqual(2 * PAGE);
    expect(heap.tryAlloc(64 * PAGE)).toBeUndefined();
    expect(() => heap.alloc(64 * PAGE)).toThrow(LayerwiseError);
    expect(() => heap.alloc(64 * PAGE)).toThrow(/needs 4 MiB more of WebAssembly memory; it has \d+ MiB .* and cannot grow enough/);
    expect(() => heap.release(12345)).toThrow(/unallocated/);
  });

  it('finds the block holding an address', () => {
    const heap = new WasmHeap(new WebAssembly.Memory({ initial: 1, maximum: 1 }), 0);
    const a = heap.alloc(256);
    expect(heap.blockContaining(a + 100)).toBe(a);
    expect(heap.blockContaining(a + 256)).toBeUndefined();
  });
});

describe('Arena', () => {
  it('bump-allocates within one block, and after a larger call holds that call in one block', () => {
    const heap = new WasmHeap(new WebAssembly.Memory({ initial: 1, maximum: 64 }), 100);
    const arena = new Arena(heap);
    arena.reset();
    const a = arena.alloc(10);
    const b = arena.alloc(70_000);
    expect(a % 64).toBe(0);
    expect(b % 64).toBe(0);
    expect(arena.capacity).toBeGreaterThanOrEqual(b + 70_000);
    const p = arena.write(new Float32Array([1, 2, 3]));
    expect(Array.from(arena.read(p, 3))).toEqual([1, 2, 3]);
    arena.reset();
    const used = heap.usedBytes;
    expect(used).toBeGreaterThanOrEqual(64 + 70_016 + 64);
    const first = arena.alloc(10);
    arena.alloc(70_000);
    arena.alloc(12);
    expect(heap.usedBytes).toBe(used);
    arena.reset();
    expect(arena.alloc(4)).toBe(first);
  });

  it('keeps its view valid across growth', () => {
    const heap = new WasmHeap(new WebAssembly.Memory({ initial: 1, maximum: 64 }), 0);
    const arena = new Arena(heap);
    const p = arena.write([5, 6]);
    arena.alloc(1 << 20);
    expect(Array.from(arena.read(p, 2))).toEqual([5, 6]);
  });

  it('explains when the memory cannot grow enough', () => {
    const arena = new Arena(new WasmHeap(new WebAssembly.Memory({ initial: 1, maximum: 2 }), 0));
    expect(() => arena.alloc(1 << 20)).toThrow(LayerwiseError);
    expect(() => arena.alloc(1 << 20)).toThrow(/needs 1 MiB more of WebAssembly memory; it has 1 MiB .* and cannot grow enough/);
  });
});
