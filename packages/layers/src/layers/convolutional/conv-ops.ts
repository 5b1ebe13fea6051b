import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor4D, Tensor5D } from '@tensorflow/tfjs-core';
import { checkInteger, formatShape, invalidArgument, LayerwiseError, type ConfigDict, type Initializer, type Shape } from '@layerwise/core';
import type { SpatialSize } from './conv-utils.js';

// The shared arithmetic of the convolution layers: tuple arguments, Keras' output lengths, and
// convolutions of rank 1 to 3 built only from tfjs-core ops that have gradients. tfjs-core's
// convolution gradients refuse dilation rates above 1, so a dilated kernel is expanded here with
// zeros between its taps (the same result, differentiable); rank 1 runs as rank 2 with a unit
// height; grouped convolutions split the channels and concatenate the results.

/** Expands a size to `rank` integers of at least `min`, naming the argument in errors. */
export function expandTuple(owner: string, argument: string, value: SpatialSize, rank: number, min = 1): number[] {
  const values = typeof value === 'number' ? Array.from({ length: rank }, () => value) : Array.isArray(value) ? [...value] : [];
  if (values.length !== rank) {
    const what = min === 1 ? 'a positive integer' : `an integer of at least ${min}`;
    throw invalidArgument({ owner, argument, expected: `${what} or ${rank} of them`, received: value });
  }
  values.forEach((v, i) => checkInteger(owner, typeof value === 'number' ? argument : `${argument}[${i}]`, v, min));
  return values;
}

/** An initialiser as configs store it: `{ class_name, config }`. */
export function initializerConfig(initializer: Initializer): ConfigDict {
  return { class_name: initializer.className, config: initializer.getConfig() };
}

/** Keras' rule: a stride above 1 cannot be combined with a dilation rate above 1. */
export function checkStridesWithDilation(owner: string, strides: readonly number[], dilationRate: readonly number[]): void {
  if (Math.max(...strides) > 1 && Math.max(...dilationRate) > 1) {
    throw new LayerwiseError(
      `${owner}: \`strides > 1\` is not supported in conjunction with \`dilation_rate > 1\`. ` +
        `Received: strides=${JSON.stringify(strides)} and dilation_rate=${JSON.stringify(dilationRate)}`,
    );
  }
}

/** The span of a kernel of `size` taps dilated by `rate`. */
export const effectiveKernel = (size: number, rate: number): number => (size - 1) * rate + 1;

/** Output length of a convolution or pooling axis, as Keras computes it ('causal' pads like 'same'). */
export function convLength(length: number | null, kernel: number, padding: 'valid' | 'same' | 'causal', stride: number, dilation = 1): number | null {
  if (length === null) return null;
  const span = effectiveKernel(kernel, dilation);
  const out = padding === 'valid' ? length - span + 1 : length;
  return Math.floor((out + stride - 1) / stride);
}

/** Output length of a transposed convolution axis: Keras' formula for TensorFlow padding. */
export function convTransposeLength(
  length: number | null,
  kernel: number,
  padding: 'valid' | 'same',
  outputPadding: number | null,
  stride: number,
  dilation: number,
): number | null {
  if (length === null) return null;
  const span = effectiveKernel(kernel, dilation);
  if (padding === 'valid') return (length - 1) * stride + span + (outputPadding ?? Math.max(span, stride) - span);
  return outputPadding === null ? length * stride : (length - 1) * stride + (span % 2) + outputPadding;
}

/** Throws Keras' error when a computed output shape has an axis shorter than 1. */
export function checkOutputShape(owner: string, inputShape: Shape, outputShape: Shape): Shape {
  if (outputShape.some((d) => d !== null && d < 1)) {
    throw new LayerwiseError(
      `${owner}: computed output size would be empty or negative: input shape ${formatShape(inputShape)} gives ${formatShape(outputShape)}`,
    );
  }
  return outputShape;
}

/** Throws unless `inputShape` has rank `rank + 2` (batch, spatial axes, channels) with known channels. */
export function checkSpatialInput(owner: string, inputShape: Shape, rank: number, needChannels = true): number {
  const channels = inputShape[inputShape.length - 1];
  if (inputShape.length !== rank + 2 || (needChannels && channels == null)) {
    const axes = ['steps', 'height, width', 'depth, height, width'][rank - 1];
    throw new LayerwiseError(
      `${owner}: needs inputs of shape (batch, ${axes}, channels)${needChannels ? ' with known channels' : ''}, received ${formatShape(inputShape)}`,
    );
  }
  return channels ?? 0;
}

/**
 * Inserts `factor - 1` zeros between consecutive entries along `axis`: length `n` becomes
 * `(n - 1) * factor + 1`. Built from reshape, pad and slice, so gradients flow through it.
 */
export function insertZeros(x: Tensor, axis: number, factor: number): Tensor {
  if (factor === 1) return x;
  const shape = x.shape;
  const n = shape[axis]!;
  const before = shape.slice(0, axis);
  const after = shape.slice(axis + 1);
  const spaced = tf.pad(
    tf.reshape(x, [...before, n, 1, ...after]),
    [...before.map((): [number, number] => [0, 0]), [0, 0], [0, factor - 1], ...after.map((): [number, number] => [0, 0])],
  );
  const flat = tf.reshape(spaced, [...before, n * factor, ...after]);
  return tf.slice(flat, shape.map(() => 0), [...before, (n - 1) * factor + 1, ...after]);
}

/** A kernel whose leading (spatial) axes are dilated by `rates`: the taps spread out, zeros between. */
export function dilateKernel(kernel: Tensor, rates: readonly number[]): Tensor {
  return rates.reduce((k, rate, axis) => insertZeros(k, axis, rate), kernel);
}

/** Pads (positive) or crops (negative) the spatial axes of a channels-last tensor. */
function padOrCrop(x: Tensor, amounts: readonly (readonly [number, number])[]): Tensor {
  const pads: [number, number][] = [[0, 0], ...amounts.map(([b, a]): [number, number] => [Math.max(b, 0), Math.max(a, 0)]), [0, 0]];
  let y = pads.some(([b, a]) => b > 0 || a > 0) ? tf.pad(x, pads) : x;
  if (amounts.some(([b, a]) => b < 0 || a < 0)) {
    const begin = [0, ...amounts.map(([b]) => Math.max(-b, 0)), 0];
    const size = y.shape.map((d, i) => (i === 0 || i === y.rank - 1 ? -1 : d - begin[i]! - Math.max(-amounts[i - 1]![1], 0)));
    y = tf.slice(y, begin, size);
  }
  return y;
}

/** Zero padding of the first spatial axis (Conv1D's 'causal' mode). */
export function padStart(x: Tensor, amount: number): Tensor {
  return amount > 0 ? tf.pad(x, [[0, 0], [amount, 0], [0, 0]]) : x;
}

/** A convolution without dilation: rank 1 runs as rank 2 with a unit height. */
export function convolve(x: Tensor, kernel: Tensor, rank: number, strides: readonly number[], padding: 'valid' | 'same'): Tensor {
  if (rank === 1) {
    const y = tf.conv2d(tf.expandDims(x, 1) as Tensor4D, tf.expandDims(kernel, 0) as Tensor4D, [1, strides[0]!], padding);
    return tf.squeeze(y, [1]);
  }
  if (rank === 2) return tf.conv2d(x as Tensor4D, kernel as Tensor4D, strides as [number, number], padding);
  return tf.conv3d(x as Tensor5D, kernel as Tensor5D, strides as [number, number, number], padding);
}

/** A grouped convolution: channels and filters cut into `groups` slices, convolved pairwise, concatenated. */
export function groupedConvolve(x: Tensor, kernel: Tensor, groups: number, rank: number, strides: readonly number[], padding: 'valid' | 'same'): Tensor {
  if (groups === 1) return convolve(x, kernel, rank, strides, padding);
  const xs = tf.split(x, groups, -1);
  const ks = tf.split(kernel, groups, -1);
  return tf.concat(xs.map((xi, i) => convolve(xi, ks[i]!, rank, strides, padding)), -1);
}

/** A depthwise convolution (rank 1 or 2) without dilation: kernel `(k..., channels, multiplier)`. */
export function depthwiseConvolve(x: Tensor, kernel: Tensor, rank: number, strides: readonly number[], padding: 'valid' | 'same'): Tensor {
  if (rank === 1) {
    const y = tf.depthwiseConv2d(tf.expandDims(x, 1) as Tensor4D, tf.expandDims(kernel, 0) as Tensor4D, [1, strides[0]!], padding);
    return tf.squeeze(y, [1]);
  }
  return tf.depthwiseConv2d(x as Tensor4D, kernel as Tensor4D, strides as [number, number], padding);
}

/**
 * A transposed convolution (the gradient of a convolution with respect to its input) of an
 * undilated kernel `(k..., filters, channels)`, producing `outLengths` along the spatial axes with
 * TensorFlow's placement: the output is the input of a convolution padded by
 * `floor(total / 2)` before and the rest after. Ranks 1 and 2 use tfjs-core's `conv2dTranspose`
 * (differentiable); rank 3 convolves the input spread out with zeros by the kernel flipped, as
 * tfjs-core's `conv3dTranspose` has no gradient.
 */
export function transposeConvolve(x: Tensor, kernel: Tensor, rank: number, strides: readonly number[], outLengths: readonly number[]): Tensor {
  const lengths = x.shape.slice(1, -1);
  const spans = kernel.shape.slice(0, rank);
  const filters = kernel.shape[rank]!;
  const pads = lengths.map((n, i) => {
    const total = Math.max((n - 1) * strides[i]! + spans[i]! - outLengths[i]!, 0);
    return [Math.floor(total / 2), total - Math.floor(total / 2)] as const;
  });
  if (rank <= 2) {
    const x4 = (rank === 1 ? tf.expandDims(x, 1) : x) as Tensor4D;
    const k4 = (rank === 1 ? tf.expandDims(kernel, 0) : kernel) as Tensor4D;
    const s2: [number, number] = rank === 1 ? [1, strides[0]!] : [strides[0]!, strides[1]!];
    const p2 = rank === 1 ? [[0, 0] as const, pads[0]!] : pads;
    const out: [number, number, number, number] = [x.shape[0]!, rank === 1 ? 1 : outLengths[0]!, outLengths[rank - 1]!, filters];
    const explicit = [[0, 0], [p2[0]![0], p2[0]![1]], [p2[1]![0], p2[1]![1]], [0, 0]] as Parameters<typeof tf.conv2dTranspose>[4];
    const y = tf.conv2dTranspose(x4, k4, out, s2, explicit);
    return rank === 1 ? tf.squeeze(y, [1]) : y;
  }
  // Rank 3: y = conv(zero-stuffed x, padded by span - 1 - before, flipped kernel with axes swapped).
  let stuffed = x;
  for (let i = 0; i < rank; i++) stuffed = insertZeros(stuffed, i + 1, strides[i]!);
  const amounts = lengths.map((n, i) => {
    const before = spans[i]! - 1 - pads[i]![0];
    const after = outLengths[i]! + spans[i]! - 1 - before - ((n - 1) * strides[i]! + 1);
    return [before, after] as const;
  });
  const flipped = tf.transpose(tf.reverse(kernel, [0, 1, 2]), [0, 1, 2, 4, 3]);
  return tf.conv3d(padOrCrop(stuffed, amounts) as Tensor5D, flipped as Tensor5D, 1, 'valid');
}
