// The module's exports. It has no allocator: the TypeScript side owns all memory above
// `heapBase()` and passes raw byte addresses (see src/wasm/abi.ts for the signatures).

export { gemm, gemmStrided, packASize, packBSize } from './gemm';
export { addInto, sumColumns } from './reduce';
export { binary, unary } from './elementwise';
export { softmaxRows } from './softmax';
export { setGeometry } from './geometry';
export { conv2d, conv2dBackpropInput, conv2dBackpropFilter } from './conv';
export {
  depthwiseConv2d, depthwiseConv2dBackpropInput, depthwiseConv2dBackpropFilter, expandChannels, sumChannelGroups,
} from './depthwise';
export { maxPool, avgPool, maxPoolGrad, avgPoolGrad } from './pool';
export { transform } from './transform';

/** The first byte address free for the host to use. */
export function heapBase(): usize {
  return __heap_base;
}
