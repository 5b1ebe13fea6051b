import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '@layerwise/core';
import { compareWithCpu, randomValues } from './compare.js';

type Pad = 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];

const random = new SeededRandom(4321);
const values = (shape: number[]) => randomValues(random, shape.reduce((a, b) => a * b, 1));

/** [batch, height, width, channels, filterHeight, filterWidth, multiplier, strides, pad, dilations] */
type DepthwiseCase = [number, number, number, number, number, number, number, number | [number, number], Pad, number];

const cases: DepthwiseCase[] = [
  [1, 5, 5, 1, 3, 3, 1, 1, 'same', 1],
  [2, 7, 6, 3, 3, 3, 1, 2, 'valid', 1],
  [1, 1, 1, 1, 1, 1, 1, 1, 'same', 1],
  [1, 9, 9, 4, 1, 1, 2, 2, 'same', 1],
  [3, 11, 11, 6, 5, 5, 1, 2, 'same', 1],
  [2, 6, 6, 5, 3, 3, 3, [2, 1], [[0, 0], [1, 2], [2, 0], [0, 0]], 1],
  [1, 10, 7, 17, 4, 2, 1, [1, 3], 'same', 1],
  [2, 9, 7, 7, 3, 2, 2, 1, 2, 1],
  [4, 16, 16, 24, 3, 3, 1, 2, 'same', 1],
  [8, 20, 20, 32, 3, 3, 1, 1, 'same', 1],
  [16, 14, 14, 36, 3, 3, 1, 1, 'valid', 1],
  [2, 8, 7, 5, 3, 3, 2, 1, 'same', 1],
  [1, 6, 7, 3, 3, 3, 1, 1, [[0, 0], [2, 0], [0, 1], [0, 0]], 1],
];

const dilated: DepthwiseCase[] = [
  [2, 9, 7, 3, 3, 2, 1, 1, 'same', 2],
  [1, 12, 12, 5, 3, 3, 2, 1, 'valid', 3],
];

const label = ([n, h, w, c, kh, kw, m, strides, pad, dilations]: DepthwiseCase) =>
  `x [${n},${h},${w},${c}], filter ${kh}x${kw}x${c}x${m}, strides ${strides}, pad ${JSON.stringify(pad)}, dilations ${dilations}`;

/** DepthwiseConv2dNative, FusedDepthwiseConv2D and both depthwise gradients against tfjs-backend-cpu. */
export function describeDepthwise(backend: string): void {
  describe(`${backend}: DepthwiseConv2dNative`, () => {
    for (const c of [...cases, ...dilated]) {
      it(label(c), async () => {
        const [n, h, w, ch, kh, kw, m, strides, pad, dilations] = c;
        const xv = values([n, h, w, ch]);
        const fv = values([kh, kw, ch, m]);
        const result = await compareWithCpu(
          backend,
          () => tf.depthwiseConv2d(tf.tensor4d(xv, [n, h, w, ch]), tf.tensor4d(fv, [kh, kw, ch, m]), strides, pad, 'NHWC', dilations),
          kh * kw,
        );
        expect(result).toEqual([]);
      });
    }
  });

  describe(`${backend}: FusedDepthwiseConv2D`, () => {
    for (const activation of ['linear', 'relu', 'relu6', 'elu', 'leakyrelu', 'prelu', 'sigmoid'] as const) {
      it(`${activation} with bias, multiplier 2`, async () => {
        const xv = values([2, 6, 5, 6]).map((v) => v * 3);
        const fv = values([3, 3, 6, 2]);
        const bias = values([12]);
        const alpha = values([12]);
        const result = await compareWithCpu(
          backend,
          () =>
            tf.fused.depthwiseConv2d({
              x: tf.tensor4d(xv, [2, 6, 5, 6]),
              filter: tf.tensor4d(fv, [3, 3, 6, 2]),
              strides: 1,
              pad: 'same',
              bias: tf.tensor1d(bias),
              activation,
              preluActivationWeights: activation === 'prelu' ? tf.tensor1d(alpha) : undefined,
              leakyreluAlpha: 0.1,
            }),
          9,
        );
        expect(result).toEqual([]);
      });
    }
  });

  describe(`${backend}: DepthwiseConv2dNativeBackpropInput and DepthwiseConv2dNativeBackpropFilter`, () => {
    for (const c of cases) {
      it(label(c), async () => {
        const [n, h, w, ch, kh, kw, m, strides, pad] = c;
        const inShape: [number, number, number, number] = [n, h, w, ch];
        const filterShape: [number, number, number, number] = [kh, kw, ch, m];
        const info = tf.backend_util.computeConv2DInfo(inShape, filterShape, strides, 1, pad, undefined, true);
        const xv = values(inShape);
        const fv = values(filterShape);
        const dyv = values(info.outShape);
        const attrs = { strides, pad, dilations: 1 };
        const dx = await compareWithCpu(
          backend,
          () =>
            tf.engine().runKernel('DepthwiseConv2dNativeBackpropInput', { dy: tf.tensor4d(dyv, info.outShape), filter: tf.tensor4d(fv, filterShape) }, {
              ...attrs,
              inputShape: inShape,
            }) as Tensor,
          kh * kw * m,
        );
        expect(dx).toEqual([]);
        const dw = await compareWithCpu(
          backend,
          () =>
            tf.engine().runKernel('DepthwiseConv2dNativeBackpropFilter', { x: tf.tensor4d(xv, inShape), dy: tf.tensor4d(dyv, info.outShape) }, {
              ...attrs,
              filterShape,
            }) as Tensor,
          n * info.outHeight * info.outWidth,
        );
        expect(dw).toEqual([]);
      });
    }

    it('gradients of a separable convolution block (depthwise, pointwise, bias, relu) agree with cpu', async () => {
      const xv = values([3, 9, 9, 4]);
      const depth = values([3, 3, 4, 2]);
      const point = values([1, 1, 8, 6]);
      const bias = values([6]);
      const result = await compareWithCpu(
        backend,
        () => {
          const x = tf.tensor4d(xv, [3, 9, 9, 4]);
          const weights = [tf.tensor4d(depth, [3, 3, 4, 2]), tf.tensor4d(point, [1, 1, 8, 6]), tf.tensor1d(bias)];
          const loss = (d: Tensor, p: Tensor, b: Tensor) => {
            const y = tf.relu(tf.add(tf.separableConv2d(x, d as Tensor4D, p as Tensor4D, 2, 'same'), b));
            const z = tf.fused.depthwiseConv2d({ x: y as Tensor4D, filter: tf.ones([3, 3, 6, 1]) as Tensor4D, pad: 'valid', strides: 1, activation: 'relu' });
            return tf.sum(tf.square(z));
          };
          return tf.grads(loss)(weights);
        },
        200,
      );
      expect(result).toEqual([]);
    });
  });
}
