import { LayerwiseError } from '@layerwise/core';

const PAGE = 65536;
const ALIGN = 64;

/**
 * A bump allocator over the module's memory above its static data. Each kernel call resets it,
 * allocates what it needs (inputs, outputs, packing workspaces), and everything is released at
 * the next reset; the memory only ever grows, so the space is reused across calls.
 *
 * Growing a non-shared memory detaches its old ArrayBuffer: take views through {@link f32} (which
 * follows the current buffer) after the call's allocations, never across an `alloc`.
 */
export class Arena {
  private top: number;
  private view: Float32Array;

  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly base: number,
  ) {
    this.top = alignUp(base);
    this.view = new Float32Array(memory.buffer);
  }

  /** Releases every allocation. */
  reset(): void {
    this.top = alignUp(this.base);
  }

  /** Allocates `bytes` bytes, 64-byte aligned, growing the memory if needed; returns the address. */
  alloc(bytes: number): number {
    const at = alignUp(this.top);
    const top = at + Math.max(bytes, 0);
    const size = this.memory.buffer.byteLength;
    if (top > size) {
      try {
        this.memory.grow(Math.ceil((top - size) / PAGE));
      } catch (error) {
        const mb = (n: number) => `${Math.ceil(n / 2 ** 20)} MiB`;
        throw new LayerwiseError(
          `layerwise-wasm: a kernel needs ${mb(top)} of WebAssembly memory; it has ${mb(size)} and cannot grow enough ` +
            `(${(error as Error).message}). Use smaller batches, or the cpu backend for this model.`,
        );
      }
    }
    this.top = top;
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
    if (this.view.buffer !== this.memory.buffer) this.view = new Float32Array(this.memory.buffer);
    return this.view;
  }

  /** Bytes of memory the module has (grown so far). */
  get capacity(): number {
    return this.memory.buffer.byteLength;
  }
}

function alignUp(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}
