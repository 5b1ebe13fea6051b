import type { WasmHeap } from '../wasm/heap.js';

/**
 * Owns the float32 arrays this backend's kernels return, and recycles them once no tensor refers
 * to them.
 *
 * With a {@link WasmHeap} (shared WebAssembly memory, whose buffer never detaches when it grows)
 * the arrays are views of blocks of the module's memory: kernels read their inputs and write their
 * outputs in place, with no copying in or out, and a released array's block goes back to the
 * heap. Otherwise (or when the memory cannot grow) they are ordinary arrays, kept by size for
 * reuse up to `maxBytes`, since a training step allocates the same sizes every step and fresh
 * pages cost ~0.6 ns per float, more than most elementwise arithmetic.
 *
 * Only arrays handed out by {@link take} are recycled, and only once no tensor data refers to
 * them: the backend counts every data id an owned array is stored under ({@link retain}) and
 * released ({@link release}). A view into an owned array (tfjs-backend-cpu's contiguous `Slice`
 * returns `subarray`s) counts as its owner. Arrays a user passed to `tf.tensor` are never owned;
 * values read back through the backend are copies, so no one outside holds an owned array.
 */
export class BufferPool {
  private readonly refs = new WeakMap<Float32Array, number>();
  /** Views into owned arrays, with the array they view. */
  private readonly aliases = new WeakMap<Float32Array, Float32Array>();
  /** Owned ordinary arrays by their ArrayBuffer (to recognise views into them). */
  private readonly byBuffer = new WeakMap<ArrayBufferLike, Float32Array>();
  /** Owned arrays in WebAssembly memory by address (to recognise views into them). */
  private readonly byAddress = new Map<number, Float32Array>();
  /** The WebAssembly memory's buffer objects (a shared memory gets a new one when it grows). */
  private readonly memoryBuffers = new WeakSet<ArrayBufferLike>();
  private readonly free = new Map<number, Float32Array[]>();
  private freeBytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly heap?: WasmHeap,
  ) {}

  /** Whether arrays are handed out in WebAssembly memory (when it has room). */
  get resident(): boolean {
    return this.heap !== undefined;
  }

  /**
   * An array of `length` floats with arbitrary contents (write every element): in WebAssembly
   * memory when resident, else recycled or new; not owned, and never recycled, when resident is
   * off and the limit is 0.
   */
  take(length: number): Float32Array {
    if (this.heap && length > 0) {
      const address = this.heap.tryAlloc(length * 4);
      if (address !== undefined) {
        const buffer = this.heap.memory.buffer;
        this.memoryBuffers.add(buffer);
        const array = new Float32Array(buffer, address, length);
        this.refs.set(array, 0);
        this.byAddress.set(address, array);
        return array;
      }
    }
    if (this.maxBytes === 0) return new Float32Array(length);
    const reused = this.free.get(length)?.pop();
    if (reused) this.freeBytes -= reused.byteLength;
    const array = reused ?? new Float32Array(length);
    this.refs.set(array, 0);
    this.byBuffer.set(array.buffer, array);
    return array;
  }

  /** The byte address of `values` in WebAssembly memory, when it is an owned array there or a view of one. */
  address(values: unknown): number | undefined {
    if (!this.heap || !(values instanceof Float32Array)) return undefined;
    const owner = this.refs.has(values) ? values : this.aliases.get(values);
    return owner && this.byAddress.get(owner.byteOffset) === owner ? values.byteOffset : undefined;
  }

  /** Whether `values` is an array this pool handed out, or a view of one, still in use. */
  owns(values: unknown): values is Float32Array {
    return values instanceof Float32Array && (this.refs.has(values) || this.aliases.has(values));
  }

  /** Records one more data id storing `values` (ignored for arrays the pool does not own or view). */
  retain(values: unknown): void {
    if (!(values instanceof Float32Array)) return;
    const owner = this.ownerOf(values);
    if (owner) this.refs.set(owner, this.refs.get(owner)! + 1);
  }

  /** Records that a data id storing `values` is gone; recycles the array when none remains. */
  release(values: unknown): void {
    if (!(values instanceof Float32Array)) return;
    const owner = this.refs.has(values) ? values : this.aliases.get(values);
    if (!owner || !this.refs.has(owner)) return;
    const count = this.refs.get(owner)! - 1;
    if (count > 0) {
      this.refs.set(owner, count);
      return;
    }
    this.recycle(owner);
  }

  /** Recycles an array taken but never stored (a kernel that failed before making its tensor). */
  discard(values: Float32Array): void {
    if (this.refs.get(values) === 0) this.recycle(values);
  }

  /** Bytes of ordinary arrays held for reuse. */
  get pooledBytes(): number {
    return this.freeBytes;
  }

  /** Drops every array held for reuse. */
  clear(): void {
    this.free.clear();
    this.freeBytes = 0;
  }

  /** The owned array `values` is or views, registering a new view of one. */
  private ownerOf(values: Float32Array): Float32Array | undefined {
    if (this.refs.has(values)) return values;
    const known = this.aliases.get(values);
    if (known) return this.refs.has(known) ? known : undefined;
    let owner: Float32Array | undefined;
    if (this.heap && this.memoryBuffers.has(values.buffer)) {
      const start = this.heap.blockContaining(values.byteOffset);
      owner = start === undefined ? undefined : this.byAddress.get(start);
    } else {
      owner = this.byBuffer.get(values.buffer);
    }
    if (!owner || !this.refs.has(owner)) return undefined;
    this.aliases.set(values, owner);
    return owner;
  }

  private recycle(array: Float32Array): void {
    this.refs.delete(array);
    const address = array.byteOffset;
    if (this.heap && this.byAddress.get(address) === array) {
      this.byAddress.delete(address);
      this.heap.release(address);
      return;
    }
    if (array.byteLength === 0 || this.freeBytes + array.byteLength > this.maxBytes) return;
    const list = this.free.get(array.length) ?? [];
    list.push(array);
    this.free.set(array.length, list);
    this.freeBytes += array.byteLength;
  }
}

