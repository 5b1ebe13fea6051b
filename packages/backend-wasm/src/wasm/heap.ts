import { LayerwiseError } from '@layerwise/core';

const PAGE = 65536;
/** Alignment of every block (a cache line). */
export const ALIGN = 64;
/** Memory grows by at least this much at a time (fewer, larger grows while a model warms up). */
const MIN_GROWTH = 16 * PAGE;

interface Block {
  address: number;
  bytes: number;
}

/**
 * A best-fit allocator over the module's memory above its static data: the scratch arena of the
 * kernels and, when tensors are kept in WebAssembly memory, their values. Freed blocks merge with
 * free neighbours; the memory grows when no free block fits and never shrinks. A training step
 * allocates the same sizes in the same order every step, so after a warm-up step every request
 * finds a freed block of its size and the memory stays the size it is.
 */
export class WasmHeap {
  private readonly used = new Map<number, number>();
  /** Free blocks, sorted by address, never adjacent to each other. */
  private readonly free: Block[] = [];
  private usedTotal = 0;
  private readonly start: number;

  constructor(
    readonly memory: WebAssembly.Memory,
    base: number,
  ) {
    this.start = alignUp(base);
    const end = memory.buffer.byteLength;
    if (end > this.start) this.free.push({ address: this.start, bytes: end - this.start });
  }

  /**
   * Allocates `bytes` (rounded up to 64), growing the memory if no free block fits; returns the
   * address, or undefined when the memory cannot grow enough.
   */
  tryAlloc(bytes: number): number | undefined {
    const size = alignUp(Math.max(bytes, 1));
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const block = this.free[i]!;
      if (block.bytes >= size && (best < 0 || block.bytes < this.free[best]!.bytes)) {
        best = i;
        if (block.bytes === size) break;
      }
    }
    if (best < 0) {
      if (!this.grow(size)) return undefined;
      best = this.free.length - 1;
    }
    const block = this.free[best]!;
    const address = block.address;
    if (block.bytes === size) this.free.splice(best, 1);
    else {
      block.address += size;
      block.bytes -= size;
    }
    this.used.set(address, size);
    this.usedTotal += size;
    return address;
  }

  /** Like {@link tryAlloc}, but throws a LayerwiseError saying how much memory was needed. */
  alloc(bytes: number): number {
    const address = this.tryAlloc(bytes);
    if (address !== undefined) return address;
    const mb = (n: number) => `${Math.ceil(n / 2 ** 20)} MiB`;
    throw new LayerwiseError(
      `layerwise-wasm: a kernel needs ${mb(bytes)} more of WebAssembly memory; it has ${mb(this.capacity)} ` +
        `(${mb(this.usedTotal)} in use) and cannot grow enough. Use smaller batches, or the cpu backend for this model.`,
    );
  }

  /** Returns the block at `address` to the free list, merging it with free neighbours. */
  release(address: number): void {
    const size = this.used.get(address);
    if (size === undefined) throw new LayerwiseError(`layerwise-wasm: released an unallocated block at ${address}`);
    this.used.delete(address);
    this.usedTotal -= size;
    const free = this.free;
    let lo = 0;
    let hi = free.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (free[mid]!.address < address) lo = mid + 1;
      else hi = mid;
    }
    const before = lo > 0 ? free[lo - 1]! : undefined;
    const after = lo < free.length ? free[lo]! : undefined;
    const joinsBefore = before !== undefined && before.address + before.bytes === address;
    const joinsAfter = after !== undefined && address + size === after.address;
    if (joinsBefore && joinsAfter) {
      before.bytes += size + after.bytes;
      free.splice(lo, 1);
    } else if (joinsBefore) before.bytes += size;
    else if (joinsAfter) {
      after.address = address;
      after.bytes += size;
    } else free.splice(lo, 0, { address, bytes: size });
  }

  /** The start of the allocated block containing `address`, if any. */
  blockContaining(address: number): number | undefined {
    for (const [start, size] of this.used) if (address >= start && address < start + size) return start;
    return undefined;
  }

  /** Bytes of memory the module has. */
  get capacity(): number {
    return this.memory.buffer.byteLength;
  }

  /** Bytes in allocated blocks. */
  get usedBytes(): number {
    return this.usedTotal;
  }

  /** Grows the memory so that its last free block holds `size` bytes. */
  private grow(size: number): boolean {
    const end = this.capacity;
    const last = this.free[this.free.length - 1];
    const tail = last && last.address + last.bytes === end ? last.bytes : 0;
    const need = size - tail + Math.max(0, this.start - end);
    const pages = Math.ceil(Math.max(need, Math.min(MIN_GROWTH, need * 4)) / PAGE);
    try {
      this.memory.grow(pages);
    } catch {
      try {
        this.memory.grow(Math.ceil(need / PAGE));
      } catch {
        return false;
      }
    }
    const added = this.capacity - end;
    if (tail) last!.bytes += added;
    else this.free.push({ address: Math.max(end, this.start), bytes: this.capacity - Math.max(end, this.start) });
    return true;
  }
}

/** Rounds up to the block alignment. */
export function alignUp(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}
