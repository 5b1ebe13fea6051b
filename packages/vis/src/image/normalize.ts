import { checkOneOf } from '@layerwise/core';

/**
 * How a channel is scaled to [0, 1] for display: `'minmax'` maps its minimum to 0 and maximum to 1
 * (a constant channel is all 0); `'standardize'` is Deep Learning with Python's post-processing
 * (`(x - mean) / std * 64 + 128`, clipped to [0, 255], then divided by 255; a constant channel is 0.5).
 */
export type ChannelNormalization = 'minmax' | 'standardize';

export const NORMALIZATIONS: readonly ChannelNormalization[] = ['minmax', 'standardize'];

/** The normalisation asked for, checked (default `'minmax'`). */
export function normalizationOf(owner: string, value: unknown): ChannelNormalization {
  return value === undefined ? 'minmax' : checkOneOf(owner, 'normalize', value, NORMALIZATIONS);
}

/** Scales one channel's values to [0, 1] for display (a new array). */
export function normalizeChannel(values: ArrayLike<number>, mode: ChannelNormalization): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  if (mode === 'minmax') {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      lo = Math.min(lo, values[i]!);
      hi = Math.max(hi, values[i]!);
    }
    const span = hi - lo;
    if (span > 0) for (let i = 0; i < n; i++) out[i] = (values[i]! - lo) / span;
    return out;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i]! - mean) ** 2;
  const std = Math.sqrt(squares / n);
  for (let i = 0; i < n; i++) {
    const scaled = std > 0 ? ((values[i]! - mean) / std) * 64 + 128 : 128;
    out[i] = Math.min(255, Math.max(0, scaled)) / 255;
  }
  return out;
}
