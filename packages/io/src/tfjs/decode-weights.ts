import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { LayerwiseError } from '@layerwise/core';
import type { WeightSpec } from './model-json.js';

const bytesPer: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

/**
 * Cuts the concatenated shard bytes into one tensor per weight spec, in manifest order. Checks that
 * the data holds exactly what the manifest claims, naming the weight at fault.
 */
export function decodeWeights(data: Uint8Array, specs: readonly WeightSpec[], source: string): Map<string, Tensor> {
  const out = new Map<string, Tensor>();
  let offset = 0;
  try {
    for (const spec of specs) {
      if (spec.quantization) {
        throw new LayerwiseError(`${source}: weight '${spec.name}' is quantised (${spec.quantization.dtype}); quantised weights are not supported yet`);
      }
      const width = bytesPer[spec.dtype];
      if (width === undefined) throw new LayerwiseError(`${source}: weight '${spec.name}' has dtype '${spec.dtype}', expected float32, int32 or bool`);
      if (!spec.shape.every((d) => Number.isInteger(d) && d >= 0)) {
        throw new LayerwiseError(`${source}: weight '${spec.name}' has an invalid shape ${JSON.stringify(spec.shape)}`);
      }
      const count = spec.shape.reduce((a, d) => a * d, 1);
      const length = count * width;
      if (offset + length > data.byteLength) {
        throw new LayerwiseError(
          `${source}: the weight files hold ${data.byteLength} bytes, but weight '${spec.name}' (${JSON.stringify(spec.shape)} ${spec.dtype}) needs bytes ${offset}..${offset + length}`,
        );
      }
      const bytes = data.slice(offset, offset + length);
      const values = spec.dtype === 'float32' ? new Float32Array(bytes.buffer) : spec.dtype === 'int32' ? new Int32Array(bytes.buffer) : bytes;
      out.set(spec.name, tf.tensor(values, [...spec.shape], spec.dtype as 'float32'));
      offset += length;
    }
    if (offset !== data.byteLength) {
      throw new LayerwiseError(`${source}: the weight files hold ${data.byteLength} bytes, the manifest describes ${offset}`);
    }
  } catch (error) {
    tf.dispose([...out.values()]);
    throw error;
  }
  return out;
}
