import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { invalidArgument } from '@layerwise/core';

/** Throws unless `value` is an integer (an axis, negative counting from the end). */
export function checkAxis(owner: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw invalidArgument({ owner, argument: 'axis', expected: 'an integer (negative counts from the last axis)', received: value });
  }
  return value;
}

/**
 * `axis` as a non-negative index into a tensor of rank `rank`. It must name an axis other
 * than the batch axis (0), since losses give one value per sample; `allowBatchOfRankOne`
 * lets rank-1 inputs (one value per sample) through with axis -1 or 0.
 */
export function resolveAxis(owner: string, axis: number, rank: number, allowBatchOfRankOne = false): number {
  const resolved = axis < 0 ? axis + rank : axis;
  if (allowBatchOfRankOne && rank === 1 && resolved === 0) return 0;
  if (resolved < 1 || resolved >= rank) {
    throw invalidArgument({
      owner,
      argument: 'axis',
      expected: `an axis of the inputs other than the batch axis (1 to ${rank - 1}, or -1 to -${rank - 1}) for inputs of rank ${rank}`,
      received: axis,
    });
  }
  return resolved;
}

/** `t` with its axis `axis` moved last, the other axes keeping their order (`t` itself when already last). */
export function moveAxisLast(t: Tensor, axis: number): Tensor {
  if (axis === t.rank - 1) return t;
  const perm = Array.from({ length: t.rank }, (_, i) => i).filter((i) => i !== axis);
  return tf.transpose(t, [...perm, axis]);
}
