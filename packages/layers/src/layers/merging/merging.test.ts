import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { input } from '../../engine/input-layer.js';
import type { Layer } from '../../engine/layer.js';
import { runLayerTest } from '../../testing/index.js';
import { add, average, concatenate, dot, maximum, minimum, multiply, subtract } from './index.js';

beforeAll(() => useBackend('cpu'));

const noWeights = { trainable: 0, nonTrainable: 0 };
const values = (t: tf.Tensor) => Array.from(t.dataSync());

describe('merge layers through the conformance harness', () => {
  const cases: [string, () => Layer, number[][], number[]][] = [
    ['Add', () => add(), [[2, 3], [2, 3], [2, 3]], [2, 3]],
    ['Add, broadcasting a lower rank', () => add(), [[2, 3, 4], [2, 4]], [2, 3, 4]],
    ['Add, broadcasting axes of 1', () => add(), [[2, 1, 4], [2, 3, 1]], [2, 3, 4]],
    ['Subtract', () => subtract(), [[2, 5], [2, 5]], [2, 5]],
    ['Multiply', () => multiply(), [[2, 3, 2], [2, 3, 2]], [2, 3, 2]],
    ['Average', () => average(), [[4, 3], [4, 3]], [4, 3]],
    ['Maximum', () => maximum(), [[4, 3], [4, 1]], [4, 3]],
    ['Minimum', () => minimum(), [[4, 3], [4, 3]], [4, 3]],
    ['Concatenate on the last axis', () => concatenate(), [[2, 3], [2, 5]], [2, 8]],
    ['Concatenate on axis 1', () => concatenate({ axis: 1 }), [[2, 3, 4], [2, 2, 4]], [2, 5, 4]],
    ['Dot of vectors', () => dot({ axes: 1 }), [[2, 3], [2, 3]], [2, 1]],
    ['Dot of matrices', () => dot({ axes: [2, 1] }), [[2, 3, 4], [2, 4, 5]], [2, 3, 5]],
    ['Dot, normalised, negative axes', () => dot({ axes: -1, normalize: true }), [[2, 3, 4], [2, 6, 4]], [2, 3, 6]],
  ];
  it.each(cases)('%s', (_, create, inputShape, expectedOutputShape) => {
    runLayerTest({ create, inputShape, expectedOutputShape, expectedWeights: noWeights, expectedParams: 0 });
  });
});

describe('merge layer values', () => {
  it('combine elementwise, with lower-rank inputs gaining axes after the batch axis', () => {
    const a = tf.tensor3d([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]);
    const b = tf.tensor2d([[10, 20], [30, 40]]);
    const c = tf.tensor3d([[[2, 2], [5, 1]], [[0, 9], [7, 7]]]);
    const outputs = {
      add: add().apply([a, b]),
      subtract: subtract().apply([a, c]),
      multiply: multiply().apply([a, c]),
      average: average().apply([a, c]),
      maximum: maximum().apply([a, c]),
      minimum: minimum().apply([a, c]),
    };
    expect(values(outputs.add)).toEqual([11, 22, 13, 24, 35, 46, 37, 48]);
    expect(values(outputs.subtract)).toEqual([-1, 0, -2, 3, 5, -3, 0, 1]);
    expect(values(outputs.multiply)).toEqual([2, 4, 15, 4, 0, 54, 49, 56]);
    expect(values(outputs.average)).toEqual([1.5, 2, 4, 2.5, 2.5, 7.5, 7, 7.5]);
    expect(values(outputs.maximum)).toEqual([2, 2, 5, 4, 5, 9, 7, 8]);
    expect(values(outputs.minimum)).toEqual([1, 2, 3, 1, 0, 6, 7, 7]);
    tf.dispose([a, b, c, ...Object.values(outputs)]);
  });

  it('concatenates along the axis', () => {
    const a = tf.tensor2d([[1, 2], [3, 4]]);
    const b = tf.tensor2d([[5], [6]]);
    const y = concatenate().apply([a, b]);
    expect(y.arraySync()).toEqual([[1, 2, 5], [3, 4, 6]]);
    tf.dispose([a, b, y]);
  });

  it('Dot contracts sample by sample, and normalize gives cosine similarities', () => {
    const x1 = tf.tensor3d([[[1, 2], [0, 1], [3, -1]]]); // (1, 3, 2)
    const x2 = tf.tensor3d([[[2, 0, 1, 1], [1, 1, -2, 0]]]); // (1, 2, 4)
    const y = dot({ axes: [2, 1] }).apply([x1, x2]);
    expect(y.arraySync()).toEqual([[[4, 2, -3, 1], [1, 1, -2, 0], [5, -1, 5, 3]]]);
    const u = tf.tensor2d([[3, 4], [1, 0]]);
    const v = tf.tensor2d([[4, 3], [0, 2]]);
    const cos = dot({ axes: 1, normalize: true }).apply([u, v]);
    expect(cos.shape).toEqual([2, 1]);
    expect(values(cos)[0]).toBeCloseTo(24 / 25, 6);
    expect(values(cos)[1]).toBeCloseTo(0, 6);
    // d/du sum(r * (u · v)) = r * v.
    const r = tf.tensor2d([[2], [-1]]);
    const layer = dot({ axes: 1 });
    const grad = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(layer.apply([x, v]), r)))(u);
    expect(values(grad).map((g) => g + 0)).toEqual([8, 6, 0, -2]);
    tf.dispose([x1, x2, y, u, v, cos, r, grad]);
  });
});

describe('merge layer errors name the layer and the shapes', () => {
  it('rejects incompatible shapes, counts and batch sizes', () => {
    expect(() => add({ name: 'sum' }).apply([input({ shape: [3] }), input({ shape: [4] })])).toThrow(
      'Add "sum": inputs have incompatible shapes (None, 3) and (None, 4); every axis after the batch must match or be 1 (aligned from the last axis)',
    );
    expect(() => subtract({ name: 'diff' }).apply([input({ shape: [2] }), input({ shape: [2] }), input({ shape: [2] })])).toThrow(
      'Subtract "diff": needs exactly 2 inputs, received 3: (None, 2), (None, 2), (None, 2)',
    );
    expect(() => concatenate({ name: 'cat' }).apply([input({ shape: [3, 4] }), input({ shape: [2, 5] })])).toThrow(
      'Concatenate "cat": inputs must match in every axis but the concatenation axis (-1); received shapes (None, 3, 4), (None, 2, 5)',
    );
    expect(() => dot({ axes: 1, name: 'similarity' }).apply([input({ shape: [3] }), input({ shape: [4] })])).toThrow(
      'Dot "similarity": incompatible input shapes: size 3 (axis 1) != size 4 (axis 1). Received shapes (None, 3) and (None, 4), axes 1',
    );
    expect(() => maximum({ name: 'm' }).apply([input({ shape: [2], batchSize: 4 }), input({ shape: [2], batchSize: 5 })])).toThrow(
      'Maximum "m": cannot merge tensors with different batch sizes; received shapes (4, 2), (5, 2)',
    );
    expect(() => add({ name: 'one' }).apply(input({ shape: [2] }))).toThrow('Add "one": takes a list of tensors, received one');
    expect(() => dot({ axes: 0 })).toThrow(/`axes`.*Received: axes=0/);
    expect(() => concatenate({ axis: 0 })).toThrow(/`axis`.*Received: axis=0/);
  });

  it('checks concrete inputs the same way, leaking nothing', () => {
    const a = tf.ones([2, 3]);
    const b = tf.ones([2, 4]);
    const before = tf.memory().numTensors;
    expect(() => multiply({ name: 'product' }).apply([a, b])).toThrow(/Multiply "product": inputs have incompatible shapes \(None, 3\) and \(None, 4\)/);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([a, b]);
  });
});
