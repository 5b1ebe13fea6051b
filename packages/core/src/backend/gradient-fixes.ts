import * as tf from '@tensorflow/tfjs-core';
import type { GradConfig, NamedAttrMap, Tensor, Tensor4D } from '@tensorflow/tfjs-core';

// Two of tfjs-core's gradient configs disagree with their own forward ops (found by the finite-
// difference check of every common gradient, test/dist-gradients.cjs). These replace them.

type Pair = number | [number, number];
type PoolPad = 'valid' | 'same' | number;

function pair(value: Pair): [number, number] {
  return typeof value === 'number' ? [value, value] : value;
}

/**
 * AvgPool: every backend's forward averages each window over its in-bounds pixels (TensorFlow's
 * semantics for 'same' padding), but tfjs-core's gradient spreads each output's gradient with
 * 1 / (full window size), also at the borders. Scaling the gradient by window size / in-bounds
 * count per output first makes the AvgPoolGrad kernel's result the true gradient on any backend.
 */
export const avgPoolGradConfig: GradConfig = {
  kernelName: tf.AvgPool,
  inputsToSave: ['x'],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
    const [x] = saved as [Tensor4D];
    const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as {
      filterSize: Pair;
      strides: Pair;
      pad: PoolPad;
      dimRoundingMode?: 'floor' | 'round' | 'ceil';
    };
    return {
      x: () => {
        const [fh, fw] = pair(filterSize);
        let scaled = dy as Tensor4D;
        if (pad !== 'valid') {
          // Each output's count of in-bounds input pixels: a sum-pool of ones, as a convolution.
          const counts = tf.conv2d(tf.ones([1, x.shape[1], x.shape[2], 1]) as Tensor4D, tf.ones([fh, fw, 1, 1]) as Tensor4D, strides, pad, 'NHWC', 1, dimRoundingMode);
          scaled = tf.mul(dy as Tensor4D, tf.div(tf.scalar(fh * fw), counts));
        }
        return tf.engine().runKernel(tf.AvgPoolGrad, { dy: scaled, input: x }, { filterSize, strides, pad }) as Tensor;
      },
    };
  },
};

/**
 * Folds a padded gradient back along one axis: the centre, plus each padded border reversed onto
 * the positions it mirrored (`offset` 1 for 'reflect', which skips the edge, 0 for 'symmetric').
 */
function foldAxis(dy: Tensor, axis: number, before: number, after: number, size: number, offset: number): Tensor {
  const begin = dy.shape.map(() => 0);
  const sliceAlong = (start: number, length: number): Tensor => {
    const b = begin.slice();
    b[axis] = start;
    const s = dy.shape.slice();
    s[axis] = length;
    return tf.slice(dy, b, s);
  };
  const padAlong = (t: Tensor, lo: number, hi: number): Tensor => tf.pad(t, t.shape.map((_, i) => (i === axis ? [lo, hi] : [0, 0])) as [number, number][]);
  let folded = sliceAlong(before, size);
  if (before > 0) folded = tf.add(folded, padAlong(tf.reverse(sliceAlong(0, before), axis), offset, size - before - offset));
  if (after > 0) folded = tf.add(folded, padAlong(tf.reverse(sliceAlong(before + size, after), axis), size - after - offset, offset));
  return folded;
}

/**
 * MirrorPad: tfjs-core's gradient keeps only the centre of the padded gradient, dropping what the
 * mirrored borders contributed to the values they copied. This one folds them back, axis by axis.
 */
export const mirrorPadGradConfig: GradConfig = {
  kernelName: tf.MirrorPad,
  inputsToSave: ['x'],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
    const [x] = saved as [Tensor];
    const { paddings, mode } = attrs as unknown as { paddings: [number, number][]; mode: 'reflect' | 'symmetric' };
    const offset = mode === 'reflect' ? 1 : 0;
    return {
      x: () => paddings.reduce((g, [before, after], axis) => foldAxis(g, axis, before, after, x.shape[axis]!, offset), dy as Tensor),
    };
  },
};

/** The corrected configs, registered over tfjs-core's by `registerAllGradients`. */
export const gradientFixes: readonly GradConfig[] = [avgPoolGradConfig, mirrorPadGradConfig];
