import { util } from '@tensorflow/tfjs-core';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { LayerwiseWasmBackend } from '../backend/backend.js';
import { activationCode } from '../wasm/abi.js';

/** What the module's epilogue can do for a fused op: a per-channel bias and an activation code. */
export interface Epilogue {
  readonly bias: Float32Array | undefined;
  readonly act: number;
}

/**
 * Plans the epilogue of a fused op whose output has `channels` values in its last dimension. The
 * bias fuses when it is float32 and broadcasts along the last dimension only (shape [channels],
 * [1, ..., channels] or a single value); the activation fuses when it is linear, relu or relu6.
 * Returns undefined when the bias and activation must instead run as separate kernels.
 */
export function planEpilogue(
  backend: LayerwiseWasmBackend,
  bias: TensorInfo | undefined,
  activation: string | undefined,
  channels: number,
): Epilogue | undefined {
  const act = activationCode(activation);
  if (act === undefined) return undefined;
  if (!bias) return { bias: undefined, act };
  if (bias.dtype !== 'float32') return undefined;
  const size = util.sizeFromShape(bias.shape);
  const lastOnly = bias.shape.slice(0, -1).every((d) => d === 1);
  if (size === channels && lastOnly) return { bias: backend.values(bias), act };
  if (size === 1) return { bias: new Float32Array(channels).fill(backend.values(bias)[0]!), act };
  return undefined;
}

/**
 * Adds `bias` and applies `activation` with separate kernels, as tfjs-backend-cpu's fused ops do,
 * disposing the intermediate results (and `x`).
 */
export function applyUnfused(
  backend: LayerwiseWasmBackend,
  x: TensorInfo,
  bias: TensorInfo | undefined,
  activation: string | undefined,
  preluActivationWeights: TensorInfo | undefined,
  leakyreluAlpha: number | undefined,
): TensorInfo {
  let current = x;
  if (bias) {
    const sum = backend.runKernel('Add', { a: current, b: bias });
    backend.disposeIntermediateTensorInfo(current);
    current = sum;
  }
  if (activation && activation !== 'linear') {
    const out = activate(backend, current, activation, preluActivationWeights, leakyreluAlpha);
    backend.disposeIntermediateTensorInfo(current);
    current = out;
  }
  return current;
}

function activate(
  backend: LayerwiseWasmBackend,
  x: TensorInfo,
  activation: string,
  preluActivationWeights: TensorInfo | undefined,
  leakyreluAlpha: number | undefined,
): TensorInfo {
  switch (activation) {
    case 'relu':
      return backend.runKernel('Relu', { x });
    case 'relu6':
      return backend.runKernel('Relu6', { x });
    case 'elu':
      return backend.runKernel('Elu', { x });
    case 'sigmoid':
      return backend.runKernel('Sigmoid', { x });
    case 'prelu':
      return backend.runKernel('Prelu', { x, alpha: preluActivationWeights! });
    case 'leakyrelu':
      return backend.runKernel('LeakyRelu', { x }, { alpha: leakyreluAlpha ?? 0.2 });
    default:
      throw new Error(`Activation ${activation} has not been implemented for the layerwise-wasm backend.`);
  }
}
