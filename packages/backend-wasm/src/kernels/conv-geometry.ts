import type { backend_util } from '@tensorflow/tfjs-core';
import type { WasmCall } from '../wasm/abi.js';

/** Target size of one thread's im2col buffer: big enough to amortise the GEMM, small enough for L2. */
const COL_BYTES = 512 * 1024;

/** The module's geometry call for an NHWC convolution or pooling. */
export function geometryCall(info: backend_util.Conv2DInfo): WasmCall {
  return {
    fn: 'setGeometry',
    args: [
      info.inHeight, info.inWidth, info.inChannels, info.filterHeight, info.filterWidth,
      info.strideHeight, info.strideWidth, info.dilationHeight, info.dilationWidth,
      info.padInfo.top, info.padInfo.left, info.outHeight, info.outWidth,
    ],
  };
}

/** Rows of the column matrix one im2col chunk holds (a multiple of 4, at least 4). */
export function columnRows(info: backend_util.Conv2DInfo): number {
  const kkc = info.filterHeight * info.filterWidth * info.inChannels;
  return Math.max(4, Math.floor(COL_BYTES / (kkc * 4) / 4) * 4);
}

/** True for NHWC float32 inputs, the layout and type the module's kernels take. */
export function isNhwcFloat(info: backend_util.Conv2DInfo, ...dtypes: string[]): boolean {
  return info.dataFormat === 'channelsLast' && dtypes.every((d) => d === 'float32');
}
