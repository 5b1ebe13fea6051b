import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '@layerwise/core';
import { compareWithCpu, mismatches, randomValues, runOn } from './compare.js';

type Pad = 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];

const random = new SeededRandom(1234);
const values = (shape: number[]) => randomValues(random, shape.reduce((a, b) => a * b, 1));

/** [m, k, n, outer dims of a, outer dims of b] */
const matMulCases: [number, number, number, number[], number[]][] = [
  [1, 1, 1, [], []],
  [3, 5, 7, [], []],
  [13, 9, 17, [], []],
  [4, 8, 8, [], []],
  [33, 65, 31, [], []],
  [1, 300, 1, [], []],
  [2, 0, 3, [], []],
  [96, 200, 160, [], []],
  [130, 70, 9, [], []],
  [5, 6, 7, [1], [1]],
  [5, 6, 7, [4], [4]],
  [5, 6, 7, [1], [3]],
  [5, 6, 7, [2, 3], [3]],
  [40, 64, 48, [6], [6]],
];

/** Matrix products (BatchMatMul, _FusedMatMul) against tfjs-backend-cpu. */
export function describeMatMul(backend: string): void {
  describe(`${backend}: BatchMatMul`, () => {
    for (const [m, k, n, outerA, outerB] of matMulCases) {
      for (const [ta, tb] of [[false, false], [false, true], [true, false], [true, true]] as const) {
        it(`[${outerA}] ${m}x${k} @ [${outerB}] ${k}x${n}, transposeA=${ta} transposeB=${tb}`, async () => {
          const aShape = [...outerA, ...(ta ? [k, m] : [m, k])];
          const bShape = [...outerB, ...(tb ? [n, k] : [k, n])];
          const av = values(aShape);
          const bv = values(bShape);
          const result = await compareWithCpu(backend, () => tf.matMul(tf.tensor(av, aShape), tf.tensor(bv, bShape), ta, tb), k);
          expect(result).toEqual([]);
        });
      }
    }

    it('broadcasts batch dimensions of both operands ([2, 1] with [1, 3])', async () => {
      // tfjs-backend-cpu mishandles this case (it computes max(batchA, batchB) products), so the
      // reference is cpu's product of the operands explicitly broadcast to [2, 3].
      const av = values([2, 1, 5, 6]);
      const bv = values([1, 3, 6, 7]);
      const [expected] = await runOn('cpu', () =>
        tf.matMul(tf.broadcastTo(tf.tensor4d(av, [2, 1, 5, 6]), [2, 3, 5, 6]), tf.broadcastTo(tf.tensor4d(bv, [1, 3, 6, 7]), [2, 3, 6, 7])),
      );
      const [actual] = await runOn(backend, () => tf.matMul(tf.tensor4d(av, [2, 1, 5, 6]), tf.tensor4d(bv, [1, 3, 6, 7])));
      expect(mismatches(actual!, expected!, 6)).toEqual([]);
    });

    it('multiplies int32 matrices (through tfjs-backend-cpu)', async () => {
      const result = await compareWithCpu(
        backend,
        () => tf.cast(tf.matMul(tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3], 'int32'), tf.tensor2d([1, -1, 2, 0, 3, 1], [3, 2], 'int32')), 'float32'),
        3,
      );
      expect(result).toEqual([]);
    });

    it('rejects mismatched inner sizes like tfjs-backend-cpu', async () => {
      await tf.setBackend(backend);
      const a = tf.zeros([2, 3]);
      const b = tf.zeros([4, 2]);
      expect(() => tf.engine().runKernel('BatchMatMul', { a, b }, { transposeA: false, transposeB: false })).toThrow(/inner shapes/);
      tf.dispose([a, b]);
    });
  });

  describe(`${backend}: _FusedMatMul`, () => {
    const activations = ['linear', 'relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu', 'prelu'] as const;
    for (const activation of activations) {
      for (const [m, k, n, ta, tb] of [[7, 11, 13, false, false], [9, 20, 16, true, true], [1, 5, 3, false, true]] as const) {
        it(`${activation}, ${m}x${k}x${n}, transposeA=${ta} transposeB=${tb}, bias [n]`, async () => {
          const av = values(ta ? [k, m] : [m, k]).map((v) => v * 4);
          const bv = values(tb ? [n, k] : [k, n]);
          const bias = values([n]);
          const alpha = values([n]);
          const result = await compareWithCpu(
            backend,
            () =>
              tf.fused.matMul({
                a: tf.tensor2d(av, ta ? [k, m] : [m, k]),
                b: tf.tensor2d(bv, tb ? [n, k] : [k, n]),
                transposeA: ta,
                transposeB: tb,
                bias: tf.tensor1d(bias),
                activation,
                preluActivationWeights: activation === 'prelu' ? tf.tensor1d(alpha) : undefined,
                leakyreluAlpha: 0.3,
              }),
            k,
          );
          expect(result).toEqual([]);
        });
      }
    }

    for (const [label, biasShape] of [['scalar', []], ['[1, n]', [1, 6]], ['[m, n]', [5, 6]], ['none', null]] as const) {
      it(`relu with ${label} bias`, async () => {
        const av = values([5, 4]);
        const bv = values([4, 6]);
        const bias = biasShape ? values([...biasShape]) : undefined;
        const result = await compareWithCpu(
          backend,
          () =>
            tf.fused.matMul({
              a: tf.tensor2d(av, [5, 4]),
              b: tf.tensor2d(bv, [4, 6]),
              bias: bias && biasShape ? tf.tensor(bias, [...biasShape]) : undefined,
              activation: 'relu',
            }),
          4,
        );
        expect(result).toEqual([]);
      });
    }

    it('batched, with bias and relu6', async () => {
      const av = values([3, 8, 10]).map((v) => v * 8);
      const bv = values([3, 10, 12]);
      const bias = values([12]);
      const result = await compareWithCpu(
        backend,
        () => tf.fused.matMul({ a: tf.tensor3d(av, [3, 8, 10]), b: tf.tensor3d(bv, [3, 10, 12]), bias: tf.tensor1d(bias), activation: 'relu6' }),
        10,
      );
      expect(result).toEqual([]);
    });
  });
}

/** [batch, height, width, inChannels, filterHeight, filterWidth, outChannels, strides, pad, dilations] */
type ConvCase = [number, number, number, number, number, number, number, number | [number, number], Pad, number];

const convCases: ConvCase[] = [
  [1, 5, 5, 1, 3, 3, 2, 1, 'same', 1],
  [2, 7, 6, 3, 3, 3, 4, 2, 'valid', 1],
  [1, 8, 8, 5, 1, 1, 7, 1, 'valid', 1],
  [1, 9, 9, 4, 1, 1, 3, 2, 'same', 1],
  [1, 1, 1, 1, 1, 1, 1, 1, 'same', 1],
  [2, 6, 6, 2, 3, 3, 3, [2, 1], [[0, 0], [1, 2], [2, 0], [0, 0]], 1],
  [3, 11, 11, 6, 5, 5, 4, 2, 'same', 1],
  [1, 10, 7, 3, 4, 2, 5, [1, 3], 'same', 1],
  [2, 9, 7, 3, 3, 2, 5, 1, 2, 1],
  [8, 20, 20, 8, 3, 3, 16, 1, 'same', 1],
];

const dilatedCases: ConvCase[] = [
  [2, 9, 7, 3, 3, 2, 5, 1, 'same', 2],
  [1, 12, 12, 4, 3, 3, 6, 1, 'valid', 3],
];

const describeConvCase = ([n, h, w, c, kh, kw, co, strides, pad, dilations]: ConvCase) =>
  `x [${n},${h},${w},${c}], filter ${kh}x${kw}x${c}x${co}, strides ${strides}, pad ${JSON.stringify(pad)}, dilations ${dilations}`;

/** Conv2D, FusedConv2D and both convolution gradients against tfjs-backend-cpu. */
export function describeConv(backend: string): void {
  describe(`${backend}: Conv2D`, () => {
    for (const convCase of [...convCases, ...dilatedCases]) {
      it(describeConvCase(convCase), async () => {
        const [n, h, w, c, kh, kw, co, strides, pad, dilations] = convCase;
        const xv = values([n, h, w, c]);
        const fv = values([kh, kw, c, co]);
        const result = await compareWithCpu(
          backend,
          () => tf.conv2d(tf.tensor4d(xv, [n, h, w, c]), tf.tensor4d(fv, [kh, kw, c, co]), strides, pad, 'NHWC', dilations),
          kh * kw * c,
        );
        expect(result).toEqual([]);
      });
    }

    it('NCHW (through tfjs-backend-cpu)', async () => {
      const xv = values([1, 2, 5, 5]);
      const fv = values([3, 3, 2, 3]);
      const result = await compareWithCpu(backend, () => tf.conv2d(tf.tensor4d(xv, [1, 2, 5, 5]), tf.tensor4d(fv, [3, 3, 2, 3]), 1, 'same', 'NCHW'), 18);
      expect(result).toEqual([]);
    });
  });

  describe(`${backend}: FusedConv2D`, () => {
    for (const activation of ['linear', 'relu', 'relu6', 'elu', 'leakyrelu', 'prelu', 'sigmoid'] as const) {
      it(`${activation} with bias`, async () => {
        const xv = values([2, 6, 5, 3]).map((v) => v * 3);
        const fv = values([3, 3, 3, 4]);
        const bias = values([4]);
        const alpha = values([4]);
        const result = await compareWithCpu(
          backend,
          () =>
            tf.fused.conv2d({
              x: tf.tensor4d(xv, [2, 6, 5, 3]),
              filter: tf.tensor4d(fv, [3, 3, 3, 4]),
              strides: 1,
              pad: 'same',
              bias: tf.tensor1d(bias),
              activation,
              preluActivationWeights: activation === 'prelu' ? tf.tensor1d(alpha) : undefined,
              leakyreluAlpha: 0.1,
            }),
          27,
        );
        expect(result).toEqual([]);
      });
    }
  });

  describe(`${backend}: Conv2DBackpropInput and Conv2DBackpropFilter`, () => {
    for (const convCase of convCases) {
      it(describeConvCase(convCase), async () => {
        const [n, h, w, c, kh, kw, co, strides, pad] = convCase;
        const inShape: [number, number, number, number] = [n, h, w, c];
        const filterShape: [number, number, number, number] = [kh, kw, c, co];
        const info = tf.backend_util.computeConv2DInfo(inShape, filterShape, strides, 1, pad);
        const xv = values(inShape);
        const fv = values(filterShape);
        const dyv = values(info.outShape);
        const attrs = { strides, pad, dataFormat: 'NHWC' };
        const dx = await compareWithCpu(
          backend,
          () =>
            tf.engine().runKernel('Conv2DBackpropInput', { dy: tf.tensor4d(dyv, info.outShape), filter: tf.tensor4d(fv, filterShape) }, {
              ...attrs,
              inputShape: inShape,
            }) as Tensor,
          kh * kw * co,
        );
        expect(dx).toEqual([]);
        const dw = await compareWithCpu(
          backend,
          () =>
            tf.engine().runKernel('Conv2DBackpropFilter', { x: tf.tensor4d(xv, inShape), dy: tf.tensor4d(dyv, info.outShape) }, {
              ...attrs,
              filterShape,
            }) as Tensor,
          n * info.outHeight * info.outWidth,
        );
        expect(dw).toEqual([]);
      });
    }

    it('conv2dTranspose', async () => {
      const yv = values([2, 4, 4, 5]);
      const fv = values([3, 3, 3, 5]);
      const result = await compareWithCpu(
        backend,
        () => tf.conv2dTranspose(tf.tensor4d(yv, [2, 4, 4, 5]), tf.tensor4d(fv, [3, 3, 3, 5]), [2, 8, 8, 3], 2, 'same'),
        45,
      );
      expect(result).toEqual([]);
    });
  });
}

/** [batch, height, width, channels, filter, strides, pad] */
type PoolCase = [number, number, number, number, number | [number, number], number | [number, number], Pad];

const poolCases: PoolCase[] = [
  [1, 4, 4, 1, 2, 2, 'valid'],
  [2, 7, 7, 3, 3, 2, 'same'],
  [1, 5, 6, 5, 2, 1, 'same'],
  [2, 9, 9, 8, 3, 3, 'valid'],
  [1, 6, 6, 4, [2, 3], [1, 2], 'same'],
  [2, 5, 5, 6, 3, 2, 1],
  [8, 16, 16, 12, 2, 2, 'valid'],
  [16, 24, 24, 16, 3, 1, 'same'],
  // Disjoint windows that do not tile the image: leftover rows and columns, gaps, partial windows.
  [2, 7, 9, 5, 2, 2, 'valid'],
  [2, 7, 9, 6, 2, 2, 'same'],
  [1, 7, 8, 4, 2, 3, 'same'],
];

/** MaxPool, AvgPool and their gradients against tfjs-backend-cpu. */
export function describePool(backend: string): void {
  describe(`${backend}: pooling`, () => {
    for (const [n, h, w, c, filter, strides, pad] of poolCases) {
      const label = `x [${n},${h},${w},${c}], filter ${filter}, strides ${strides}, pad ${JSON.stringify(pad)}`;
      const shape: [number, number, number, number] = [n, h, w, c];
      it(`maxPool, avgPool and gradients: ${label}`, async () => {
        // Values on a coarse grid, so windows hold ties and the first-maximum rule is exercised.
        const xv = values(shape).map((v) => Math.round(v * 4) / 4);
        const pools = (x: Tensor4D) => [tf.maxPool(x, filter, strides, pad), tf.avgPool(x, filter, strides, pad)];
        const forward = await compareWithCpu(backend, () => pools(tf.tensor4d(xv, shape)), 9);
        expect(forward).toEqual([]);
        const weights = values(tf.backend_util.computePool2DInfo(shape, filter, strides, 1, pad).outShape);
        const gradients = await compareWithCpu(
          backend,
          () => {
            const x = tf.tensor4d(xv, shape);
            const wt = tf.tensor(weights, [weights.length]);
            return tf.grads((t: Tensor) => {
              const [mp, ap] = pools(t as Tensor4D);
              return tf.add(tf.sum(tf.mul(tf.reshape(mp!, [-1]), wt)), tf.sum(tf.mul(tf.reshape(ap!, [-1]), wt)));
            })([x]);
          },
          9,
        );
        expect(gradients).toEqual([]);
      });
    }
  });
}

/** Gradients of small networks through the backend, and tensor leaks. */
export function describeTraining(backend: string): void {
  describe(`${backend}: gradients and memory`, () => {
    it('gradients of a convnet with dense head agree with cpu', async () => {
      const xv = values([3, 10, 10, 2]);
      const w1 = values([3, 3, 2, 4]);
      const w2 = values([3, 3, 4, 6]);
      const wd = values([2 * 2 * 6, 5]);
      const bd = values([5]);
      const labels = values([3, 5]);
      const result = await compareWithCpu(
        backend,
        () => {
          const vars = [tf.tensor4d(w1, [3, 3, 2, 4]), tf.tensor4d(w2, [3, 3, 4, 6]), tf.tensor2d(wd, [24, 5]), tf.tensor1d(bd)];
          const x = tf.tensor4d(xv, [3, 10, 10, 2]);
          const loss = (a: Tensor, b: Tensor, c: Tensor, d: Tensor) => {
            let h = tf.relu(tf.conv2d(x, a as Tensor4D, 1, 'same'));
            h = tf.maxPool(h, 2, 2, 'valid');
            h = tf.relu(tf.conv2d(h, b as Tensor4D, 1, 'same'));
            h = tf.avgPool(h, 2, 2, 'valid');
            const logits = tf.fused.matMul({ a: tf.reshape(h, [3, 24]), b: c as tf.Tensor2D, bias: d, activation: 'relu' });
            return tf.mean(tf.square(tf.sub(logits, tf.tensor2d(labels, [3, 5]))));
          };
          return tf.grads(loss)(vars);
        },
        200,
      );
      expect(result).toEqual([]);
    });

    it('leaks no tensors', async () => {
      await tf.setBackend(backend);
      const x = tf.randomNormal([2, 8, 8, 3]) as Tensor4D;
      const f = tf.randomNormal([3, 3, 3, 4]) as Tensor4D;
      const w = tf.randomNormal([16, 10]);
      const step = () =>
        tf.tidy(() => {
          const g = tf.grads((a: Tensor, b: Tensor) => {
            const y = tf.maxPool(tf.relu(tf.conv2d(a as Tensor4D, f, 1, 'same')), 2, 2, 'valid');
            const z = tf.avgPool(y, 2, 2, 'same');
            return tf.sum(tf.fused.matMul({ a: tf.reshape(z, [2, 16]), b, activation: 'relu' }));
          })([x, w]);
          return tf.add(tf.sum(g[0]!), tf.sum(g[1]!));
        });
      step().dispose();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) step().dispose();
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([x, f, w]);
    });
  });
}
