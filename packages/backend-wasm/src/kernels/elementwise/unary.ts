import { Abs, ClipByValue, Exp, Log, Neg, Relu, Sqrt, Square, Step } from '@tensorflow/tfjs-core';
import type { ClipByValueAttrs, KernelConfig, KernelFunc, NamedAttrMap, StepAttrs, TensorInfo } from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../../backend/backend.js';
import { WASM_BACKEND_NAME } from '../../backend/backend-name.js';
import { UnaryOp } from '../../wasm/abi.js';
import { scratchPerThread } from '../scratch.js';
import { splitRange, threadsFor } from '../split.js';
import { FLOPS_PER_FLOAT } from './binary.js';

/**
 * A float32 unary kernel in the module: branch-free SIMD (in JavaScript `x < 0 ? 0 : x` is a
 * branch that random signs mispredict, ~7 ns per element), in place on resident tensors, large
 * arrays split over threads.
 * `params` reads the operation's two parameters from the attributes. Other dtypes go to cpu.
 */
function unaryKernel(kernelName: string, op: number, params: (attrs: NamedAttrMap) => [number, number] = () => [0, 0]): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { x } = inputs as { x: TensorInfo };
    const wasm = backend as LayerwiseWasmBackend;
    if (x.dtype !== 'float32') return wasm.runCpuKernel(kernelName, inputs, attrs);
    const size = wasm.values(x).length;
    if (size === 0) return wasm.makeTensorInfo(x.shape, 'float32', new Float32Array(0));
    const { runtime } = wasm;
    runtime.arena.reset();
    const px = wasm.input(x);
    const pp = runtime.arena.write(params(attrs ?? {}));
    const threads = threadsFor(size * FLOPS_PER_FLOAT, Math.ceil(size / 4), runtime.threads);
    return wasm.writeOutput(x.shape, size, (out) => {
      const chunks = splitRange(size, threads, 4).map(([s, e]) => [{ fn: 'unary', args: [op, px + s * 4, out + s * 4, e - s, pp] } as const]);
      runtime.run({ chunks, scratch: scratchPerThread(runtime, () => []) });
    });
  };
}

const config = (kernelName: string, kernelFunc: KernelFunc): KernelConfig => ({ kernelName, backendName: WASM_BACKEND_NAME, kernelFunc });

/** Relu: `x < 0 ? 0 : x` (NaN and -0 kept, as cpu). */
export const reluConfig = config(Relu, unaryKernel(Relu, UnaryOp.relu));
/** Step (relu's gradient uses it): `x > 0 ? 1 : alpha`, NaN kept. */
export const stepConfig = config(Step, unaryKernel(Step, UnaryOp.step, (attrs) => [(attrs as unknown as StepAttrs).alpha, 0]));
export const negConfig = config(Neg, unaryKernel(Neg, UnaryOp.neg));
export const squareConfig = config(Square, unaryKernel(Square, UnaryOp.square));
export const sqrtConfig = config(Sqrt, unaryKernel(Sqrt, UnaryOp.sqrt));
export const absConfig = config(Abs, unaryKernel(Abs, UnaryOp.abs));
/** Exp and Log (log-softmax cross-entropy): float64 `Math.exp`/`Math.log` rounded to float32, as cpu. */
export const expConfig = config(Exp, unaryKernel(Exp, UnaryOp.exp));
export const logConfig = config(Log, unaryKernel(Log, UnaryOp.log));
/** ClipByValue (losses clip probabilities): `x > max ? max : x < min ? min : x`, NaN kept. */
export const clipByValueConfig = config(
  ClipByValue,
  unaryKernel(ClipByValue, UnaryOp.clip, (attrs) => {
    const { clipValueMin, clipValueMax } = attrs as unknown as ClipByValueAttrs;
    return [clipValueMin, clipValueMax];
  }),
);
