import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRandom, useBackend } from '@layerwise/core';
import { registerWasmBackend } from '../../backend/register.js';
import { WASM_BACKEND_NAME } from '../../backend/backend-name.js';
import { compareWithCpu, randomValues, runOn } from '../../testing/compare.js';
import { planBroadcast } from './broadcast-plan.js';

const random = new SeededRandom(99);
const values = (shape: number[]) => randomValues(random, shape.reduce((a, b) => a * b, 1));

beforeAll(async () => {
  await useBackend('cpu');
  registerWasmBackend({ relaxedSimd: false });
});

describe('planBroadcast', () => {
  it('recognises the loop layouts and nothing else', () => {
    expect(planBroadcast([2, 3], [2, 3]).plan.kind).toBe('same');
    expect(planBroadcast([2, 3], []).plan.kind).toBe('scalarB');
    expect(planBroadcast([1, 1], [4, 5]).plan.kind).toBe('scalarA');
    expect(planBroadcast([4, 5, 6], [1, 6]).plan).toEqual({ kind: 'trailingB', size: 120, inner: 6 });
    expect(planBroadcast([5, 6], [4, 5, 6]).plan).toEqual({ kind: 'trailingA', size: 120, inner: 30 });
    expect(planBroadcast([4, 1], [1, 5]).plan.kind).toBe('other');
    expect(planBroadcast([4, 5, 6], [5, 1]).plan.kind).toBe('other');
    expect(() => planBroadcast([2, 3], [4])).toThrow();
  });
});

describe('elementwise kernels against tfjs-backend-cpu', () => {
  const pairs: [number[], number[]][] = [
    [[7, 5], [7, 5]],
    [[3, 4, 5], []],
    [[1], [6, 2]],
    [[4, 3, 3, 8], [8]],
    [[3, 9], [4, 3, 9]],
    [[4, 1], [1, 5]],
    [[2, 3, 4], [3, 1]],
    [[0, 3], [3]],
  ];
  for (const [aShape, bShape] of pairs) {
    it(`add, sub, mul of [${aShape}] and [${bShape}]`, async () => {
      const av = values(aShape);
      const bv = values(bShape);
      const result = await compareWithCpu(
        WASM_BACKEND_NAME,
        () => {
          const a = tf.tensor(av, aShape);
          const b = tf.tensor(bv, bShape);
          return [tf.add(a, b), tf.sub(a, b), tf.mul(a, b), tf.sub(b, a), tf.div(a, b), tf.div(b, a)];
        },
        1,
      );
      expect(result).toEqual([]);
    });
  }

  it('int32 operands (through cpu)', async () => {
    const result = await compareWithCpu(
      WASM_BACKEND_NAME,
      () => {
        const a = tf.tensor1d([1, 2, 3], 'int32');
        const b = tf.tensor1d([4, -5, 6], 'int32');
        return [tf.cast(tf.add(a, b), 'float32'), tf.cast(tf.mul(a, b), 'float32'), tf.cast(tf.relu(b), 'float32')];
      },
      1,
    );
    expect(result).toEqual([]);
  });

  it('square, sqrt and neg, NaN and negatives included', async () => {
    const xv = values([9, 5]);
    xv[7] = NaN;
    xv[8] = -0;
    const result = await compareWithCpu(WASM_BACKEND_NAME, () => {
      const x = tf.tensor2d(xv, [9, 5]);
      return [tf.square(x), tf.sqrt(x), tf.sqrt(tf.abs(x)), tf.neg(x)];
    }, 1);
    expect(result).toEqual([]);
  });

  it('relu and step, NaN included', async () => {
    const xv = values([5, 7]);
    xv[3] = NaN;
    xv[4] = 0;
    xv[5] = -0;
    const result = await compareWithCpu(WASM_BACKEND_NAME, () => {
      const x = tf.tensor2d(xv, [5, 7]);
      return [tf.relu(x), tf.step(x), tf.step(x, 0.25)];
    }, 1);
    expect(result).toEqual([]);
  });

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
    [[2, 0, 3], 1, false],
    [[0, 3], 0, false],
    [[3, 0], 0, false],
    [[3, 0], 1, true],
  ];
  for (const [shape, axis, keepDims] of sums) {
    it(`sum of [${shape}] over ${JSON.stringify(axis)}, keepDims=${keepDims}`, async () => {
      const xv = values(shape);
      const expectedShape = (await (async () => {
        await tf.setBackend('cpu');
        return tf.tidy(() => tf.sum(tf.tensor(xv, shape), axis, keepDims).shape);
      })());
      await tf.setBackend(WASM_BACKEND_NAME);
      const actualShape = tf.tidy(() => tf.sum(tf.tensor(xv, shape), axis, keepDims).shape);
      expect(actualShape).toEqual(expectedShape);
      // Same float64 accumulation in the same order as cpu: identical results.
      const [expected] = await runOn('cpu', () => tf.sum(tf.tensor(xv, shape), axis, keepDims));
      const [actual] = await runOn(WASM_BACKEND_NAME, () => tf.sum(tf.tensor(xv, shape), axis, keepDims));
      expect(Array.from(actual!)).toEqual(Array.from(expected!));
    });
  }
});
