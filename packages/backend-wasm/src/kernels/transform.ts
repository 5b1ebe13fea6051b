import { Transform, util } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo, TransformAttrs } from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../backend/backend.js';
import { WASM_BACKEND_NAME } from '../backend/backend-name.js';
import { TransformFillMode, TransformInterpolation } from '../wasm/abi.js';
import { scratchPerThread } from './scratch.js';
import { splitRange, threadsFor } from './split.js';

/**
 * Transform (`tf.image.transform`) on float32 NHWC images: tfjs-backend-cpu's arithmetic, image by
 * image, split over threads by image. tfjs-backend-cpu 4.22's kernel returns after the first image
 * of a batch (the others keep the fill value); this one transforms them all. Other dtypes and
 * unknown interpolations go to tfjs-backend-cpu's kernel (which throws for the latter).
 */
export const transform: KernelFunc = ({ inputs, backend, attrs }) => {
  const { image, transforms } = inputs as { image: TensorInfo; transforms: TensorInfo };
  const { interpolation, fillMode, fillValue, outputShape } = attrs as unknown as TransformAttrs;
  const wasm = backend as LayerwiseWasmBackend;
  const interpolationCode = TransformInterpolation[interpolation as keyof typeof TransformInterpolation];
  if (image.dtype !== 'float32' || interpolationCode === undefined) return wasm.runCpuKernel(Transform, inputs, attrs);
  const [batch, height, width, channels] = image.shape as [number, number, number, number];
  const [outHeight, outWidth] = outputShape != null ? outputShape : [height, width];
  const outShape = [batch, outHeight, outWidth, channels];
  const outSize = util.sizeFromShape(outShape);
  if (outSize === 0) return wasm.makeTensorInfo(outShape, 'float32', new Float32Array(0));
  const fillCode = TransformFillMode[fillMode as keyof typeof TransformFillMode] ?? TransformFillMode.constant;
  const { runtime } = wasm;
  const { arena } = runtime;
  arena.reset();
  const x = wasm.input(image);
  const t = wasm.input(transforms);
  const tStride = transforms.shape[0] === 1 ? 0 : 8;
  // The fill value as a float64 (tfjs-backend-cpu interpolates with it unrounded); call arguments
  // may not be negative, so it travels through memory.
  const params = arena.alloc(8);
  new DataView(runtime.memory.buffer).setFloat64(params, fillValue, true);
  // Work in GEMM-flop equivalents: about 20 per output pixel for its coordinates, plus 2 (a copy)
  // or 8 (four taps) per channel.
  const taps = interpolation === 'bilinear' ? 8 : 2;
  const work = batch * outHeight * outWidth * (20 + taps * channels);
  const threads = threadsFor(work, batch, runtime.threads);
  return wasm.writeOutput(outShape, outSize, (out) => {
    const chunks = splitRange(batch, threads > 1 ? threads * 2 : 1).map(([n0, n1]) => [
      {
        fn: 'transform' as const,
        args: [x, t, tStride, out, params, height, width, channels, outHeight, outWidth, interpolationCode, fillCode, n0, n1],
      },
    ]);
    runtime.run({ chunks, scratch: scratchPerThread(runtime, () => []) });
  });
};

export const transformConfig: KernelConfig = {
  kernelName: Transform,
  backendName: WASM_BACKEND_NAME,
  kernelFunc: transform,
};
