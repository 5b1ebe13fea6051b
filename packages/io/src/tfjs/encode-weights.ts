import type { Tensor } from '@tensorflow/tfjs-core';
import { LayerwiseError } from '@layerwise/core';
import { concatBytes } from '@layerwise/core';
import type { WeightSpec } from './model-json.js';

/** A tensor to store under a name, with its TensorFlow.js weight group (`'optimizer'`) if any. */
export interface NamedTensor {
  readonly name: string;
  readonly tensor: Tensor;
  readonly group?: string;
}

/**
 * The weight specs and concatenated little-endian bytes of tensors, in order (TensorFlow.js'
 * `encodeWeights`, synchronous). Names must be unique.
 */
export function encodeWeights(tensors: readonly NamedTensor[]): { specs: WeightSpec[]; data: Uint8Array } {
  const seen = new Set<string>();
  const parts: Uint8Array[] = [];
  const specs = tensors.map(({ name, tensor, group }) => {
    if (seen.has(name)) throw new LayerwiseError(`encodeWeights: two weights are named '${name}'; weight names must be unique in a TensorFlow.js manifest`);
    seen.add(name);
    if (tensor.dtype !== 'float32' && tensor.dtype !== 'int32' && tensor.dtype !== 'bool') {
      throw new LayerwiseError(`encodeWeights: weight '${name}' is ${tensor.dtype}; the format stores float32, int32 and bool`);
    }
    const values = tensor.dataSync() as Float32Array | Int32Array | Uint8Array;
    parts.push(new Uint8Array(values.buffer, values.byteOffset, values.byteLength).slice());
    return { name, shape: [...tensor.shape], dtype: tensor.dtype, ...(group ? { group } : {}) };
  });
  return { specs, data: concatBytes(parts) };
}
