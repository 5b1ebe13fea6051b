// The module's exports. It has no allocator: the TypeScript side owns all memory above
// `heapBase()` and passes raw byte addresses.

export { gemm, packASize, packBSize } from './gemm';

/** The first byte address free for the host to use. */
export function heapBase(): usize {
  return __heap_base;
}
