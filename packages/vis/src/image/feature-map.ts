import type { Tensor } from '@tensorflow/tfjs-core';
import { checkInteger, formatShape, invalidArgument } from '@layerwise/core';

/** One sample's feature map read from a tensor: height x width x channels values, channels last. */
export interface FeatureMap {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly values: Float32Array;
}

/**
 * Reads one sample of a feature map (`[batch, height, width, channels]`, or `[height, width,
 * channels]`) into memory; the tensor is not disposed.
 */
export async function readFeatureMap(owner: string, tensor: Tensor, sample = 0): Promise<FeatureMap> {
  const shape = tensor?.shape;
  if (!Array.isArray(shape) || (shape.length !== 3 && shape.length !== 4)) {
    throw invalidArgument({ owner, argument: 'activation', expected: 'a feature map tensor of shape [batch, height, width, channels] or [height, width, channels]', received: Array.isArray(shape) ? formatShape(shape) : tensor });
  }
  const [height, width, channels] = shape.slice(-3) as [number, number, number];
  const batch = shape.length === 4 ? shape[0]! : 1;
  checkInteger(owner, 'sample', sample, 0);
  if (sample >= batch) throw invalidArgument({ owner, argument: 'sample', expected: `a sample index below the batch size ${batch}`, received: sample });
  const size = height * width * channels;
  const all = (await tensor.data()) as Float32Array;
  return { height, width, channels, values: Float32Array.from(all.subarray(sample * size, (sample + 1) * size)) };
}

/** Channel `channel` of a feature map, row-major (height x width). */
export function channelValues(map: FeatureMap, channel: number): Float32Array {
  const out = new Float32Array(map.height * map.width);
  for (let i = 0; i < out.length; i++) out[i] = map.values[i * map.channels + channel]!;
  return out;
}
