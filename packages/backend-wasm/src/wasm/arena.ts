import type { WasmHeap } from './heap.js';
import { alignUp } from './heap.js';

/**
 * Per-call scratch space in the module's memory: each kernel call resets it, allocates what it
 * needs (copies of inputs, packing workspaces, column buffers), and everything is released at the
 * next reset. It is one block of the {@link WasmHeap} used as a bump allocator; a call that needs
 * more takes extra blocks, and the next reset replaces them all with one block of the size that
 * call needed, so after warm-up every call fits and the memory stays put.
 *
 * A non-shared memory detaches its ArrayBuffer when it grows: take views through {@link f32}
 * (which follows the current buffer) after the call's allocations, never across an `alloc`.
 */
export class Arena {
  private block = 0;
  private blockBytes = 0;
  private top = 0;
  private wanted = 0;
  private readonly overflow: number[] = [];
  private view: Float32Array;

  constructor(private readonly heap: WasmHeap) {
    this.view = new Float32Array(heap.memory.buffer);
  }

  /** Releases every allocation. */
  reset(): void {
    if (this.overflow.length > 0) {
      for (const address of this.overflow) this.heap.release(address);
      this.overflow.length = 0;
      if (this.blockBytes > 0) this.heap.release(this.block);
      this.blockBytes = 0;
      this.block = this.heap.alloc(this.wanted);
      this.blockBytes = alignUp(this.wanted);
    }
    this.top = this.block;
    this.wanted = 0;
  }

  /** Allocates `bytes` bytes, 64-byte aligned, growing the memory if needed; returns the address. */
  alloc(bytes: number): number {
    const size = alignUp(Math.max(bytes, 0));
    this.wanted += size;
    if (this.top + size <= this.block + this.blockBytes) {
      const at = this.top;
      this.top += size;
      return at;
    }
    const at = this.heap.alloc(size);
    this.overflow.push(at);
    return at;
  }

  /** Allocates room for `values` and copies them in; returns the address. */
  write(values: ArrayLike<number>): number {
    const at = this.alloc(values.length * 4);
    const view = this.f32();
    if (values instanceof Float32Array) view.set(values, at >>> 2);
    else for (let i = 0; i < values.length; i++) view[(at >>> 2) + i] = values[i] as number;
    return at;
  }

  /** A copy of the `length` floats at `address`. */
  read(address: number, length: number): Float32Array {
    return this.f32().slice(address >>> 2, (address >>> 2) + length);
  }

  /** Copies `out.length` floats at `address` into `out`. */
  readInto(address: number, out: Float32Array): void {
    out.set(this.f32().subarray(address >>> 2, (address >>> 2) + out.length));
  }

  /** Sets `length` floats at `address` to zero. */
  zero(address: number, length: number): void {
    this.f32().fill(0, address >>> 2, (address >>> 2) + length);
  }

  /** A Float32Array view of the whole memory as it is now. */
  f32(): Float32Array {
    const buffer = this.heap.memory.buffer;
    if (this.view.buffer !== buffer) this.view = new Float32Array(buffer);
    return this.view;
  }

  /** Bytes of memory the module has (grown so far). */
  get capacity(): number {
    return this.heap.capacity;
  }
}
