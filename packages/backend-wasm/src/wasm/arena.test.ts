import { describe, expect, it } from 'vitest';
import { LayerwiseError } from '@layerwise/core';
import { Arena } from './arena.js';

describe('Arena', () => {
  it('aligns allocations, grows the memory, and reuses space after reset', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 8 });
    const arena = new Arena(memory, 100);
    const a = arena.alloc(10);
    const b = arena.alloc(70_000);
    expect(a).toBe(128);
    expect(b % 64).toBe(0);
    expect(b).toBeGreaterThanOrEqual(a + 10);
    expect(arena.capacity).toBeGreaterThanOrEqual(b + 70_000);
    const p = arena.write(new Float32Array([1, 2, 3]));
    expect(Array.from(arena.read(p, 3))).toEqual([1, 2, 3]);
    arena.reset();
    expect(arena.alloc(4)).toBe(a);
  });

  it('keeps its view valid across growth', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 64 });
    const arena = new Arena(memory, 0);
    const p = arena.write([5, 6]);
    arena.alloc(1 << 20);
    expect(Array.from(arena.read(p, 2))).toEqual([5, 6]);
  });

  it('explains when the memory cannot grow enough', () => {
    const arena = new Arena(new WebAssembly.Memory({ initial: 1, maximum: 2 }), 0);
    expect(() => arena.alloc(1 << 20)).toThrow(LayerwiseError);
    expect(() => arena.alloc(1 << 20)).toThrow(/needs 1 MiB of WebAssembly memory; it has 1 MiB and cannot grow enough/);
    expect(arena.alloc(1000)).toBe(0);
  });
});
