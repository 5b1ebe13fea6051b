/**
 * Recycles the float32 arrays this backend's kernels return, so a training step's outputs (the
 * same sizes every step) reuse memory instead of each paying for fresh pages (~1.5 ns per float:
 * more than the arithmetic of most elementwise ops).
 *
 * Only arrays handed out by {@link take} are recycled, and only once no tensor data refers to
 * them: the backend counts every data id an owned array is stored under ({@link retain}) and
 * released ({@link release}). Arrays a user passed to `tf.tensor` are never owned; values read
 * back through the backend are copies, so no one outside holds an owned array.
 */
export class BufferPool {
  private readonly refs = new WeakMap<Float32Array, number>();
  private readonly free = new Map<number, Float32Array[]>();
  private freeBytes = 0;

  constructor(private readonly maxBytes: number) {}

  /**
   * An array of `length` floats with arbitrary contents (write every element), owned by the pool
   * unless its limit is 0 (reuse off: then a plain new array, never recycled or copied on read).
   */
  take(length: number): Float32Array {
    if (this.maxBytes === 0) return new Float32Array(length);
    const reused = this.free.get(length)?.pop();
    if (reused) this.freeBytes -= reused.byteLength;
    const array = reused ?? new Float32Array(length);
    this.refs.set(array, 0);
    return array;
  }

  /** Whether `values` is an array this pool handed out. */
  owns(values: unknown): values is Float32Array {
    return values instanceof Float32Array && this.refs.has(values);
  }

  /** Records one more data id storing `values` (ignored for arrays the pool does not own). */
  retain(values: unknown): void {
    if (this.owns(values)) this.refs.set(values, this.refs.get(values)! + 1);
  }

  /** Records that a data id storing `values` is gone; recycles the array when none remains. */
  release(values: unknown): void {
    if (!this.owns(values)) return;
    const count = this.refs.get(values)! - 1;
    if (count > 0) {
      this.refs.set(values, count);
      return;
    }
    this.refs.delete(values);
    if (values.byteLength === 0 || this.freeBytes + values.byteLength > this.maxBytes) return;
    const list = this.free.get(values.length) ?? [];
    list.push(values);
    this.free.set(values.length, list);
    this.freeBytes += values.byteLength;
  }

  /** Bytes held for reuse. */
  get pooledBytes(): number {
    return this.freeBytes;
  }

  /** Drops every array held for reuse. */
  clear(): void {
    this.free.clear();
    this.freeBytes = 0;
  }
}
