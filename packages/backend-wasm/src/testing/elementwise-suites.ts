import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '@layerwise/core';
import { compareWithCpu, runOn } from './compare.js';
import { randomValues } from './compare.js';

const random = new SeededRandom(99);
const values = (shape: number[]) => randomValues(random, shape.reduce((a, b) => a * b, 1));

/** Operand shapes covering every layout (and two the module leaves to cpu). */
const pairs: [number[], number[]][] = [
  [[7, 5], [7, 5]],
  [[3, 4, 5], []],
  [[1], [6, 2]],
  [[4, 3, 3, 8], [8]],
  [[3, 9], [4, 3, 9]],
  [[4, 1], [1, 5]],
  [[2, 3, 4], [3, 1]],
  [[0, 3], [3]],
  [[130, 67], [67]],
  [[128, 10], [128, 1]],
  [[3, 1, 1], [3, 4, 5]],
  [[2, 1, 4], [2, 3, 4]],
];

const sums: [number[], number | number[] | undefined, boolean][] = [
  [[6, 5], 0, false],
  [[6, 5], 1, false],
  [[6, 5], -1, true],
  [[4, 3, 3, 8], [0, 1, 2], false],
  [[4, 3, 3, 8], [0, 1, 2], true],
  [[4, 3, 3, 8], [1, 2, 3], false],
  [[4, 3, 3, 8], [1, 2], false],
  [[4, 3, 5], undefined, false],
  [[4, 3, 5], [], false],
  [[300, 7], 0, false],
  [[64, 30, 30, 24], [0, 1, 2], false],
  [[2, 0, 3], 1, false],
  [[0, 3], 0, false],
  [[3, 0], 0, false],
  [[3, 0], 1, true],
];

/** The elementwise kernels and sums against tfjs-backend-cpu (identical results expected). */
export function describeElementwise(backend: string): void {
  describe(`${backend}: elementwise kernels`, () => {
    for (const [aShape, bShape] of pairs) {
      it(`add, sub, mul, div, maximum, minimum, squaredDifference of [${aShape}] and [${bShape}]`, async () => {
        const av = values(aShape);
        const bv = values(bShape);
        if (av.length > 3) [av[1], av[2], av[3]] = [NaN, -0, 0];
        if (bv.length > 3) [bv[1], bv[2], bv[3]] = [0.5, 0, -0];
        const result = await compareWithCpu(
          backend,
          () => {
            const a = tf.tensor(av, aShape);
            const b = tf.tensor(bv, bShape);
            return [
              tf.add(a, b), tf.sub(a, b), tf.mul(a, b), tf.sub(b, a), tf.div(a, b), tf.div(b, a),
              tf.maximum(a, b), tf.minimum(b, a), tf.squaredDifference(a, b),
            ];
          },
          1,
        );
        expect(result).toEqual([]);
      });
    }

    it('large arrays (split over threads where there are several), every layout', async () => {
      const av = values([600, 500]);
      const bv = values([600, 500]);
      const cv = values([500]);
      const rv = values([600, 1]);
      const result = await compareWithCpu(
        backend,
        () => {
          const a = tf.tensor2d(av, [600, 500]);
          const b = tf.tensor2d(bv, [600, 500]);
          const c = tf.tensor1d(cv);
          const r = tf.tensor2d(rv, [600, 1]);
          return [
            tf.mul(a, b), tf.sub(a, 0.25), tf.div(2, b), tf.add(a, c), tf.sub(c, b), tf.div(a, r), tf.sub(r, b),
            tf.relu(a), tf.clipByValue(b, -0.5, -0.25), tf.step(a, -1),
          ];
        },
        1,
      );
      expect(result).toEqual([]);
    });

    it('int32 operands (through cpu)', async () => {
      const result = await compareWithCpu(
        backend,
        () => {
          const a = tf.tensor1d([1, 2, 3], 'int32');
          const b = tf.tensor1d([4, -5, 6], 'int32');
          return [tf.cast(tf.add(a, b), 'float32'), tf.cast(tf.mul(a, b), 'float32'), tf.cast(tf.relu(b), 'float32')];
        },
        1,
      );
      expect(result).toEqual([]);
    });

    it('square, sqrt, neg, abs, clipByValue, exp and log, NaN, -0 and negatives included', async () => {
      const xv = values([9, 5]).map((v) => v * 2);
      [xv[7], xv[8], xv[9]] = [NaN, -0, 0];
      const result = await compareWithCpu(backend, () => {
        const x = tf.tensor2d(xv, [9, 5]);
        return [tf.square(x), tf.sqrt(x), tf.sqrt(tf.abs(x)), tf.neg(x), tf.abs(x), tf.clipByValue(x, -0.5, 1e-7), tf.clipByValue(x, 1e-7, 1 - 1e-7), tf.exp(x), tf.log(x), tf.log(tf.abs(x))];
      }, 1);
      expect(result).toEqual([]);
    });

    it('relu and step, NaN included', async () => {
      const xv = values([5, 7]);
      [xv[3], xv[4], xv[5]] = [NaN, 0, -0];
      const result = await compareWithCpu(backend, () => {
        const x = tf.tensor2d(xv, [5, 7]);
        return [tf.relu(x), tf.step(x), tf.step(x, 0.25), tf.step(x, -3)];
      }, 1);
      expect(result).toEqual([]);
    });

    for (const shape of [[3, 10], [128, 10], [2, 3, 7], [5], [4, 1], [0, 4]]) {
      it(`softmax of [${shape}] over the last axis, NaN and infinities included (identical to cpu)`, async () => {
        const xv = values(shape).map((v) => v * 20);
        if (xv.length > 8) [xv[2], xv[5], xv[8]] = [NaN, Infinity, -Infinity];
        const [expected] = await runOn('cpu', () => tf.softmax(tf.tensor(xv, shape)));
        const [actual] = await runOn(backend, () => tf.softmax(tf.relu(tf.tensor(xv, shape))));
        const [expectedRelu] = await runOn('cpu', () => tf.softmax(tf.relu(tf.tensor(xv, shape))));
        expect(Array.from(actual!)).toEqual(Array.from(expectedRelu!));
        const [plain] = await runOn(backend, () => tf.softmax(tf.tensor(xv, shape)));
        expect(Array.from(plain!)).toEqual(Array.from(expected!));
      });
    }

    it('softmax gradients agree with cpu', async () => {
      const xv = values([16, 10]);
      const wv = values([16, 10]);
      const result = await compareWithCpu(
        backend,
        () => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.softmax(x), tf.tensor2d(wv, [16, 10]))))(tf.tensor2d(xv, [16, 10])),
        10,
      );
      expect(result).toEqual([]);
    });

    for (const [shape, axis, keepDims] of sums) {
      it(`sum of [${shape}] over ${JSON.stringify(axis)}, keepDims=${keepDims}`, async () => {
        const xv = values(shape);
        await tf.setBackend('cpu');
        const expectedShape = tf.tidy(() => tf.sum(tf.tensor(xv, shape), axis, keepDims).shape);
        await tf.setBackend(backend);
        const actualShape = tf.tidy(() => tf.sum(tf.tensor(xv, shape), axis, keepDims).shape);
        expect(actualShape).toEqual(expectedShape);
        // Same float64 accumulation in the same order as cpu: identical results.
        const [expected] = await runOn('cpu', () => tf.sum(tf.tensor(xv, shape), axis, keepDims));
        const [actual] = await runOn(backend, () => tf.sum(tf.relu(tf.tensor(xv, shape)), axis, keepDims));
        const [expectedRelu] = await runOn('cpu', () => tf.sum(tf.relu(tf.tensor(xv, shape)), axis, keepDims));
        expect(Array.from(actual!)).toEqual(Array.from(expectedRelu!));
        const [plain] = await runOn(backend, () => tf.sum(tf.tensor(xv, shape), axis, keepDims));
        expect(Array.from(plain!)).toEqual(Array.from(expected!));
      });
    }
  });
}
