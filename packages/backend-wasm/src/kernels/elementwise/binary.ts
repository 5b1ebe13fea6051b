import { Add, Maximum, Minimum, Multiply, RealDiv, SquaredDifference, Sub } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../../backend/backend.js';
import { WASM_BACKEND_NAME } from '../../backend/backend-name.js';
import { BinaryMode, BinaryOp } from '../../wasm/abi.js';
import { scratchPerThread } from '../scratch.js';
import { splitRange, threadsFor } from '../split.js';
import { planBroadcast } from './broadcast-plan.js';

/** Elementwise work is memory-bound: one float costs about as much time as this many GEMM flops. */
export const FLOPS_PER_FLOAT = 16;

/**
 * A float32 binary kernel in the module (SIMD, in place on resident tensors, large arrays split
 * over threads) for equal shapes, scalars, trailing broadcasts such as a bias and per-row values
 * such as a sum with keepDims; other dtypes and layouts go to tfjs-backend-cpu. Every layout the optimizers use (Adam, RMSprop: same shapes and
 * scalars) takes this path.
 */
function binaryKernel(kernelName: string, op: number): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
    const wasm = backend as LayerwiseWasmBackend;
    if (a.dtype !== 'float32' || b.dtype !== 'float32') return wasm.runCpuKernel(kernelName, inputs, attrs);
    const { outShape, plan } = planBroadcast(a.shape, b.shape);
    if (plan.kind === 'other') return wasm.runCpuKernel(kernelName, inputs, attrs);
    if (plan.size === 0) return wasm.makeTensorInfo(outShape, 'float32', new Float32Array(0));
    const { runtime } = wasm;
    runtime.arena.reset();
    const pa = wasm.input(a);
    const pb = wasm.input(b);
    const inner = 'inner' in plan ? plan.inner : 0;
    // Large arrays split over threads at row boundaries (multiples of `inner`).
    const align = inner || 4;
    const threads = threadsFor(plan.size * FLOPS_PER_FLOAT, Math.ceil(plan.size / align), runtime.threads);
    const mode = BinaryMode[plan.kind];
    return wasm.writeOutput(outShape, plan.size, (out) => {
      const chunks = splitRange(plan.size, threads, align).map(([s, e]) => {
        // Where the chunk starts in each operand: the same offset for a full-size operand, none for
        // one that repeats, one value per row for a per-row one.
        const offset = (kind: 'full' | 'repeats' | 'perRow') => (kind === 'full' ? s * 4 : kind === 'perRow' ? (s / inner) * 4 : 0);
        const aKind = plan.kind === 'scalarA' || plan.kind === 'trailingA' ? 'repeats' : plan.kind === 'rowsA' ? 'perRow' : 'full';
        const bKind = plan.kind === 'scalarB' || plan.kind === 'trailingB' ? 'repeats' : plan.kind === 'rowsB' ? 'perRow' : 'full';
        return [{ fn: 'binary', args: [op, mode, pa + offset(aKind), pb + offset(bKind), out + s * 4, e - s, inner] } as const];
      });
      runtime.run({ chunks, scratch: scratchPerThread(runtime, () => []) });
    });
  };
}

const config = (kernelName: string, op: number): KernelConfig => ({
  kernelName,
  backendName: WASM_BACKEND_NAME,
  kernelFunc: binaryKernel(kernelName, op),
});

export const addConfig = config(Add, BinaryOp.add);
export const subConfig = config(Sub, BinaryOp.sub);
export const multiplyConfig = config(Multiply, BinaryOp.mul);
export const realDivConfig = config(RealDiv, BinaryOp.div);
export const maximumConfig = config(Maximum, BinaryOp.max);
export const minimumConfig = config(Minimum, BinaryOp.min);
export const squaredDifferenceConfig = config(SquaredDifference, BinaryOp.squaredDifference);
